import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Subscription } from '@nats-io/nats-core';
import { agentCommandSchema, commandResultSchema, type CommandResult } from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import type { Messaging } from '@fleetlic/messaging';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { countCommands } from '../metrics/command-counter';
import type { CommandInput } from '../nats/agent-client';
import { CLOCK, MESSAGING } from '../nats/tokens';

/** A creation has no Call Home exchange; a registration has one (bounded by the Call Home timeout). */
const EXTRA_WAIT_MS = 30_000;

/**
 * Sends many agent commands at once and waits for their results: ONE subscription to every
 * command result of the namespace (taken before publishing, so none is missed), then the
 * commands pipelined with `publishMany`. Results of other commands are ignored.
 */
@Injectable()
export class CommandBatchSender {
  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /**
   * Resolves with one result per input, in order (undefined: none came in time). `onResult` sees
   * each result as it arrives (job progress).
   */
  async send(inputs: CommandInput[], onResult?: (index: number, result: CommandResult) => void): Promise<(CommandResult | undefined)[]> {
    if (!inputs.length) return [];
    const now = this.clock.now();
    const commands = inputs.map((input) => agentCommandSchema.parse({ ...input, commandId: randomUUID(), issuedAt: new Date(now).toISOString() }));
    const index = new Map(commands.map((c, i) => [c.commandId, i]));
    const results: (CommandResult | undefined)[] = new Array(commands.length);
    let left = commands.length;
    let sub: Subscription | undefined;
    const all = new Promise<void>((resolve) => {
      sub = this.messaging.nc.subscribe(this.messaging.subjects.commandResult('*'), {
        callback: (_err, msg) => {
          const parsed = commandResultSchema.safeParse(safeJson(msg.data));
          if (!parsed.success) return;
          const i = index.get(parsed.data.commandId);
          if (i === undefined || results[i]) return;
          results[i] = parsed.data;
          onResult?.(i, parsed.data);
          if (--left === 0) resolve();
        },
      });
    });
    const timer = setTimeout(() => sub?.unsubscribe(), this.env.FLEETLIC_CALLHOME_TIMEOUT_MS + EXTRA_WAIT_MS);
    try {
      await this.messaging.nc.flush(); // the subscription is registered at the server before any command goes out
      await this.messaging.publishMany(commands.map((c) => ({ subject: this.messaging.subjects.agentCommand(c.switchId), payload: c, opts: { msgId: c.commandId, time: now } })));
      countCommands(commands[0].type, commands.length);
      await Promise.race([all, new Promise<void>((r) => sub!.closed.then(() => r()))]);
      return results;
    } finally {
      clearTimeout(timer);
      sub?.unsubscribe();
    }
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
