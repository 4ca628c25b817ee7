import { Inject, Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { Clock } from '@fleetlic/clock';
import { AdapterCall, AdapterReply, FleetlicEnv } from '@fleetlic/contracts';
import { logger, withSpan } from '@fleetlic/telemetry';
import { performCallhomeExchange } from './callhome/callhome.client';
import { cssmMethod } from './cssm-method';
import { ADAPTER_ENV, CLOCK } from './injection-tokens';
import { TrustStore } from './trust/trust-store';

/**
 * Serves one `<ns>.adapter.call`: the switch's Call Home exchange inside a `cssm.exchange`
 * span. Attributes name the switch, method and outcome only: the request (ID token, CSR,
 * signature) and the answer (certificates) never reach a span or a log.
 */
@Injectable()
export class AdapterCallHandler {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(ADAPTER_ENV) private readonly env: FleetlicEnv,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly trust: TrustStore,
  ) {}

  handle(call: AdapterCall, headerTime?: number): Promise<AdapterReply> {
    const work = this.exchange(call, headerTime);
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  /** Resolves once every exchange in flight has answered (graceful shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private exchange(call: AdapterCall, headerTime?: number): Promise<AdapterReply> {
    const attributes = { 'switch.id': call.switchId, 'cssm.method': cssmMethod(call.callhome), 'cssm.message.type': call.request.type };
    return withSpan('cssm.exchange', attributes, async () => {
      const input = {
        callhome: call.callhome,
        network: call.network,
        request: call.request,
        time: new Date(this.clock.at(headerTime)).toISOString(),
        timeoutMs: this.env.FLEETLIC_CALLHOME_TIMEOUT_MS,
        simulated: this.clock.mode === 'simulated',
        trust: this.trust.current(),
      };
      let reply = await performCallhomeExchange(input);
      // A rotated CA (or roots that appeared after start-up) shows up as a TLS failure first;
      // when the roots are no longer the ones this exchange used — changed by this refresh or by
      // a concurrent one that finished first — try once more (safe: nothing was sent before the
      // handshake failed).
      if (!reply.ok && reply.kind === 'TLS' && ((await this.trust.refresh()) || this.trust.current() !== input.trust)) {
        reply = await performCallhomeExchange({ ...input, trust: this.trust.current() });
      }
      const span = trace.getActiveSpan();
      span?.setAttribute('cssm.outcome', reply.ok ? 'answer' : reply.kind);
      if (reply.ok && typeof reply.answer.status === 'string') span?.setAttribute('cssm.answer.status', reply.answer.status);
      if (!reply.ok) logger.info('call home failed', { switchId: call.switchId, kind: reply.kind, reason: reply.reason });
      else logger.debug('call home exchange', { switchId: call.switchId, method: attributes['cssm.method'], type: call.request.type, status: reply.answer.status });
      return reply;
    });
  }
}
