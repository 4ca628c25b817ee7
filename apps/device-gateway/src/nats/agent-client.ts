import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import {
  switchNameSchema,
  AgentCommand,
  AgentQuery,
  agentCommandSchema,
  agentQueryReplySchema,
  CommandResult,
  commandResultSchema,
  subjects,
} from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import { MessagingError, MessagingErrorCode, type Messaging } from '@fleetlic/messaging';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { countCommands } from '../metrics/command-counter';
import { CLOCK, MESSAGING } from './tokens';

/** A command without the fields the client fills in (command id, issue time). */
export type CommandInput = AgentCommand extends infer C ? (C extends AgentCommand ? Omit<C, 'commandId' | 'issuedAt'> : never) : never;

/** How long a query may take; the agent answers from its database. */
const QUERY_TIMEOUT_MS = 10_000;
/** A waited command may include a Call Home exchange, itself bounded by FLEETLIC_CALLHOME_TIMEOUT_MS. */
const EXTRA_WAIT_MS = 20_000;

/**
 * The gateway's only way to the licensing agent: queries by core request/reply on
 * `<ns>.agent.query`, commands on JetStream with `Nats-Msg-Id` = commandId.
 */
@Injectable()
export class AgentClient {
  private readonly subjects;

  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {
    this.subjects = subjects(env.FLEETLIC_NAMESPACE);
  }

  /** The body of the agent's answer, or undefined when the switch does not exist. */
  async query<T = unknown>(query: AgentQuery): Promise<T | undefined> {
    // No switch can have a name outside the hostname pattern: answered "not found" here, because
    // such a name (e.g. with a NUL byte) made PostgreSQL fail and its error reached the client.
    if ('name' in query && !switchNameSchema.safeParse(query.name).success) return undefined;
    try {
      // Stamped with this gateway's instant: a read right after a clock advance is rendered at
      // the new time, not at the agent's copy of the clock that may still be catching up.
      const reply = await this.messaging.request(this.subjects.agentQuery, query, { schema: agentQueryReplySchema, timeoutMs: QUERY_TIMEOUT_MS, time: this.clock.now() });
      return reply.found ? (reply.body as T) : undefined;
    } catch (err) {
      throw unavailable('licensing agent', err);
    }
  }

  /** Like query, but a missing switch is a 404. */
  async queryExisting<T = unknown>(query: AgentQuery & { name: string }): Promise<T> {
    const body = await this.query<T>(query);
    if (body === undefined) throw GatewayError.notFound(query.name);
    return body;
  }

  /** The internal id of a switch (subjects carry ids, never names); 404 if unknown. */
  async resolve(name: string): Promise<string> {
    const body = await this.queryExisting<{ switchId?: string; id?: string }>({ type: 'resolve', name });
    const switchId = body.switchId ?? body.id;
    if (!switchId) throw new GatewayError(GatewayErrorCode.Internal, 'the agent answered resolve without an id', 500);
    trace.getActiveSpan()?.setAttribute('switch.id', switchId);
    return switchId;
  }

  /**
   * Publishes a command. With `wait`, subscribes to its result before publishing (so the result
   * cannot be missed) and resolves with it, or with undefined if none came in time.
   */
  async send(input: CommandInput, wait = false): Promise<{ commandId: string; result?: CommandResult }> {
    const commandId = randomUUID();
    const now = this.clock.now();
    const command = agentCommandSchema.parse({ ...input, commandId, issuedAt: new Date(now).toISOString() });
    trace.getActiveSpan()?.setAttribute('switch.id', command.switchId);
    const sub = wait ? this.messaging.nc.subscribe(this.subjects.commandResult(commandId), { max: 1 }) : undefined;
    try {
      await this.messaging.publish(this.subjects.agentCommand(command.switchId), command, { msgId: commandId, time: now });
    } catch (err) {
      sub?.unsubscribe();
      throw unavailable('command stream', err);
    }
    countCommands(command.type);
    if (!sub) return { commandId };
    const timeoutMs = this.env.FLEETLIC_CALLHOME_TIMEOUT_MS + EXTRA_WAIT_MS;
    const timer = setTimeout(() => sub.unsubscribe(), timeoutMs);
    try {
      for await (const msg of sub) return { commandId, result: commandResultSchema.parse(msg.json()) };
      return { commandId };
    } finally {
      clearTimeout(timer);
      sub.unsubscribe();
    }
  }
}

function unavailable(what: string, err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  // The agent refusing a query it could not read is the caller's input, not an outage.
  if (err instanceof MessagingError && err.code === MessagingErrorCode.RemoteError && err.remoteCode === 'NOT_FOUND') {
    return new GatewayError(GatewayErrorCode.NotFound, err.message);
  }
  if (err instanceof MessagingError && err.code === MessagingErrorCode.RemoteError && err.remoteCode !== 'INTERNAL') {
    return new GatewayError(err.remoteCode ?? GatewayErrorCode.Validation, err.message, 422);
  }
  return new GatewayError(GatewayErrorCode.Unavailable, `the ${what} did not answer: ${(err as Error).message ?? String(err)}`);
}
