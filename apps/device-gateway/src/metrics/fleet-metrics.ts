import { Inject, Injectable } from '@nestjs/common';
import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { LICENSE_EVENTS, type SwitchEvent } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { createPrometheusHandler, logger, meter } from '@fleetlic/telemetry';
import { FleetStateCache } from '../fleet/fleet-state.cache';
import { MESSAGING } from '../nats/tokens';

/** The exchange an event reports, when the agent did not say so itself (`event.cssm`). */
const EXCHANGES: Record<string, { kind: string; result: 'success' | 'failure' }> = {
  [LICENSE_EVENTS.AGENT_REG_SUCCESS]: { kind: 'register', result: 'success' },
  [LICENSE_EVENTS.AGENT_REG_FAILED]: { kind: 'register', result: 'failure' },
  [LICENSE_EVENTS.AUTH_RENEW_SUCCESS]: { kind: 'authorize', result: 'success' },
  [LICENSE_EVENTS.AUTH_RENEW_FAILED]: { kind: 'authorize', result: 'failure' },
  [LICENSE_EVENTS.ID_CERT_RENEW_SUCCESS]: { kind: 'renew-id', result: 'success' },
  [LICENSE_EVENTS.ID_CERT_RENEW_FAILED]: { kind: 'renew-id', result: 'failure' },
};
/** Consumer info is a JetStream API call per stream; scrapes within this reuse the last answer. */
const PENDING_CACHE_MS = 2_000;

/**
 * The metrics of deploy/metric-names.json, exactly those names and labels. Counters of events
 * and exchanges are counted by the projection consumer (each event once, by whichever replica
 * applied it, so Prometheus sums replicas); `fleetlic_switches` is the whole fleet from the
 * projection on every replica.
 */
@Injectable()
export class FleetMetrics {
  private readonly events: Counter;
  private readonly attempts: Counter;
  private readonly failures: Counter;
  private readonly lag: Histogram;
  private pending?: { at: number; rows: { attrs: Attributes; value: number }[] };

  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    private readonly states: FleetStateCache,
  ) {
    // Without the telemetry preload (tests) this registers the meter provider before the
    // instruments are made; with it, it is the preload's (the metrics API has no proxy meter).
    createPrometheusHandler();
    const m = meter();
    this.events = m.createCounter('fleetlic_events_total', { description: 'Switch events by SMART_LIC name.' });
    this.attempts = m.createCounter('fleetlic_cssm_attempts_total', { description: 'Exchanges with the license server by kind and result.' });
    this.failures = m.createCounter('fleetlic_cssm_failures_total', { description: 'Failed exchanges with the license server by the reason a switch reports.' });
    this.lag = m.createHistogram('fleetlic_wakeup_lag_seconds', { description: 'How late a wake-up was delivered after its due instant, in seconds.', advice: { explicitBucketBoundaries: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] } });
    m.createObservableGauge('fleetlic_switches', { description: 'Switches by registration state and authorization state.' }).addCallback(async (result) => {
      const counts = await this.states.counts().catch(() => []);
      for (const c of counts) result.observe(c.n, { registration: c.registration, authorization: c.authorization });
    });
    m.createObservableGauge('fleetlic_consumer_pending', { description: 'Messages pending on a JetStream consumer.' }).addCallback(async (result) => {
      for (const r of await this.consumerPending()) result.observe(r.value, r.attrs);
    });
  }

  eventSeen(e: SwitchEvent): void {
    this.events.add(1, { name: e.name });
    const exchange = e.cssm ?? EXCHANGES[e.name];
    if (exchange) {
      this.attempts.add(1, { kind: exchange.kind, result: exchange.result });
      const reason = e.cssm?.reason ?? (typeof e.data.reason === 'string' ? e.data.reason : undefined);
      if (exchange.result === 'failure') this.failures.add(1, { reason: reason ?? 'unknown' });
    }
    if (typeof e.wakeLagSeconds === 'number') this.lag.record(e.wakeLagSeconds);
  }

  private async consumerPending(): Promise<{ attrs: Attributes; value: number }[]> {
    if (this.pending && Date.now() - this.pending.at < PENDING_CACHE_MS) return this.pending.rows;
    const rows: { attrs: Attributes; value: number }[] = [];
    try {
      for (const stream of Object.values(this.messaging.subjects.streams)) {
        const consumers = await this.messaging.jsm.consumers.list(stream).next().catch(() => []);
        // Durable consumers only: ephemeral ones (event streams to browsers) come and go with random names.
        for (const c of consumers) if (c.config.durable_name) rows.push({ attrs: { stream, consumer: c.name }, value: c.num_pending + c.num_ack_pending });
      }
    } catch (err) {
      logger.warn('consumer info unavailable for metrics', { error: String(err) });
    }
    this.pending = { at: Date.now(), rows };
    return rows;
  }
}
