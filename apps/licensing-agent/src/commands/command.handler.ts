import { Inject, Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import { adapterReplySchema, subjects, type AdapterCall, type AgentCommand, type CommandResult, type FleetlicEnv } from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import { nextWakeup } from '@fleetlic/licensing-domain';
import { traceHeaders, type MessageContext, type Messaging, type OutboxRelay } from '@fleetlic/messaging';
import { logger, withSpan } from '@fleetlic/telemetry';
import { AgentError, AgentErrorCode } from '../agent-error';
import { AGENT_ENV, CLOCK, DATA_SOURCE, MESSAGING, OUTBOX_RELAY } from '../agent.tokens';
import { findProcessed, lockSwitch, recordOutcome, writeStep, type LockedSwitch } from '../persistence/switch-step.repository';
import { planCommand } from './command-input.mapper';
import { runStep } from './decision.runner';
import { eventRows, lifecycleRow, wakeRequestRows } from './step-outbox.builder';
import { SwitchCreator } from './switch.creator';

type StepCommand = Exclude<AgentCommand, { type: 'create' }> | { type: 'wake'; at: number };

/** Extra time over the Call Home timeout: the adapter always answers within it unless it is down. */
const ADAPTER_GRACE_MS = 5_000;

/**
 * Applies commands and wakes, one transaction each: lock the switch row, skip a command already
 * processed, decide (calling the adapter while the lock is held), write state, events, outbox
 * and the processed command, commit; then kick the relay and publish the command result.
 */
@Injectable()
export class CommandHandler {
  private readonly s;

  constructor(
    @Inject(AGENT_ENV) private readonly env: FleetlicEnv,
    @Inject(MESSAGING) private readonly m: Messaging,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly creator: SwitchCreator,
  ) {
    this.s = subjects(env.FLEETLIC_NAMESPACE);
  }

  async handleCommand(command: AgentCommand, ctx: MessageContext): Promise<void> {
    await withSpan(`agent.command ${command.type}`, { 'switch.id': command.switchId }, async () => {
      const now = this.clock.at(ctx.time);
      const result = command.type === 'create' ? await this.creator.create(command, now) : await this.step(command, command.switchId, command.commandId, now, ctx);
      this.relay.kick();
      this.m.publishCore(this.s.commandResult(command.commandId), result, { time: now });
    });
  }

  /** A due wake-up: the domain runs whatever timers are due; early or repeated wakes change nothing. */
  async handleWake(switchId: string, dueAt: number, ctx: MessageContext): Promise<void> {
    await withSpan('agent.command wake', { 'switch.id': switchId }, async () => {
      await this.step({ type: 'wake', at: dueAt }, switchId, undefined, this.clock.at(ctx.time), ctx);
      this.relay.kick();
    });
  }

  private async step(command: StepCommand, switchId: string, commandId: string | undefined, now: number, ctx: MessageContext): Promise<CommandResult> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const row = await lockSwitch(qr, switchId);
      const done = commandId ? await findProcessed(qr, commandId) : undefined;
      let result: CommandResult;
      if (done) result = done;
      else if (!row) {
        result = { commandId: commandId ?? '', switchId, outcome: 'not-found', message: 'no such switch' };
        if (commandId) await recordOutcome(qr, result);
      } else result = await this.apply(qr, command, row, commandId, now, ctx);
      await qr.commitTransaction();
      return result;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  private async apply(qr: Parameters<typeof writeStep>[0], command: StepCommand, row: LockedSwitch, commandId: string | undefined, now: number, ctx: MessageContext): Promise<CommandResult> {
    const plan = planCommand(command, row.state);
    const callhome = plan.callhome ?? row.callhome;
    const network = plan.network ?? row.network;
    const creds = { switchId: row.id, pid: row.pid, serialNumber: row.serial_number, nxosVersion: row.nxos_version, privateKey: row.private_key };
    const step = await runStep(row.state, plan.inputs, { switch: creds, callhome, network, now, callAdapter: (call) => this.callAdapter(call, now, ctx) });
    const ns = this.env.FLEETLIC_NAMESPACE;
    const previous = row.next_wake_at ? row.next_wake_at.getTime() : null;
    const next = plan.remove ? null : nextWakeup(step.state);
    const result: CommandResult = step.refusal
      ? { commandId: commandId ?? '', switchId: row.id, outcome: 'refused', code: step.refusal.code, message: step.refusal.message }
      : { commandId: commandId ?? '', switchId: row.id, outcome: 'applied' };
    await writeStep(qr, {
      switchId: row.id,
      mode: plan.remove ? 'delete' : 'update',
      state: step.state,
      callhome,
      network,
      nextWakeAt: next,
      // How late a wake-up was handled after its due instant (the wake-up lag metric).
      events: eventRows(ns, row, step.state, step.events, now, command.type === 'wake' ? Math.max(0, (now - command.at) / 1000) : undefined),
      outbox: [
        ...wakeRequestRows(ns, row.id, previous, next, command.type === 'wake'),
        ...(plan.remove ? [lifecycleRow(ns, row, 'deleted', step.state, now)] : []),
      ],
      headers: traceHeaders(now),
      ...(commandId ? { processed: result } : {}),
    });
    const state = `${step.state.registration.status}/${step.state.authorization.status}`;
    trace.getActiveSpan()?.setAttribute('license.state', state);
    logger.debug('step applied', { switchId: row.id, command: command.type, outcome: result.outcome, events: step.events.map((e) => e.name), state, nextWakeAt: next === null ? null : new Date(next).toISOString() });
    return result;
  }

  private async callAdapter(call: AdapterCall, now: number, ctx: MessageContext) {
    ctx.working(); // an exchange may take the whole Call Home timeout
    try {
      return await this.m.request(this.s.adapterCall, call, { schema: adapterReplySchema, timeoutMs: this.env.FLEETLIC_CALLHOME_TIMEOUT_MS + ADAPTER_GRACE_MS, time: now });
    } catch (err) {
      // Not the switch's failure: the command is retried by redelivery once the adapter is back.
      throw new AgentError(AgentErrorCode.AdapterUnavailable, `the cssm-adapter did not answer: ${(err as Error).message}`, { cause: err });
    } finally {
      ctx.working();
    }
  }
}
