import { z } from 'zod';
import { ENTITLEMENT_TAGS } from '../licensing/entitlements';
import { callhomeSchema, networkSchema, switchNameSchema } from '../licensing/switch-config';
import { LICENSE_EVENT_NAMES } from '../licensing/license-events';
import { deviceRequestSchema } from '../device/device-protocol';

const iso = z.string();
/**
 * An instant the scheduler stores and compares: ISO 8601 with a zone, within years 1970–9999
 * (what PostgreSQL's timestamptz and every clock here hold), so a request that can never be
 * stored is dead-lettered on arrival instead of failing its batch forever.
 */
const instant = z.iso.datetime({ offset: true }).refine((v) => {
  const ms = Date.parse(v);
  return ms >= 0 && ms < Date.UTC(10000, 0, 1);
}, 'an instant between 1970 and 9999');
const entitlements = z.array(z.object({ tag: z.enum(ENTITLEMENT_TAGS as [string, ...string[]]), count: z.number().int().min(0).max(100_000) })).max(64);

/**
 * Commands for the licensing agent (JetStream, subject agentCommand(switchId), `Nats-Msg-Id` =
 * commandId). A discriminated union on `type`; every kind is handled by the agent.
 */
const cmd = { commandId: z.string().min(1).max(100), switchId: z.uuid(), issuedAt: iso };
export const agentCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('create'), ...cmd, name: switchNameSchema, pid: z.string().min(1).max(64), serialNumber: z.string().min(1).max(64), nxosVersion: z.string().min(1).max(64), callhome: callhomeSchema.optional(), network: networkSchema.optional() }),
  z.object({ type: z.literal('set-callhome'), ...cmd, callhome: callhomeSchema }),
  z.object({ type: z.literal('set-network'), ...cmd, network: networkSchema }),
  z.object({ type: z.literal('set-usage'), ...cmd, entitlements }),
  z.object({ type: z.literal('register'), ...cmd, idToken: z.string().min(1).max(512), force: z.boolean().default(false) }),
  z.object({ type: z.literal('deregister'), ...cmd }),
  z.object({ type: z.literal('renew'), ...cmd, what: z.enum(['id', 'auth']) }),
  z.object({ type: z.literal('delete'), ...cmd }),
]);
export type AgentCommand = z.infer<typeof agentCommandSchema>;
export type AgentCommandType = AgentCommand['type'];

/** The outcome of a command, published on commandResult(commandId) after the agent commits. */
export const commandResultSchema = z.object({
  commandId: z.string(),
  switchId: z.string(),
  outcome: z.enum(['applied', 'refused', 'not-found', 'conflict']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

/** A request to the scheduler: wake `owner` under `key` at `at`, or cancel it (`at: null`). */
// The owner becomes a subject (`<ns>.wake.<owner>`): only subject-safe tokens, so a request that
// could never be delivered is dead-lettered on arrival instead of being retried forever.
const subjectTokens = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
export const wakeRequestSchema = z.object({
  owner: z.string().min(1).max(200).regex(subjectTokens, 'dot-separated tokens of letters, digits, _ or -'),
  key: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _, ., : or -'),
  at: instant.nullable(),
});
export type WakeRequest = z.infer<typeof wakeRequestSchema>;

/** A due wake-up, delivered to wake(owner). Early or repeated wakes must be harmless. */
export const wakeSchema = z.object({ owner: z.string(), key: z.string(), at: instant });
export type Wake = z.infer<typeof wakeSchema>;

/** A switch event on the event stream, subject event(switchId, name). */
export const switchEventSchema = z.object({
  id: z.string(),
  switchId: z.string(),
  switch: z.string(),
  name: z.enum(LICENSE_EVENT_NAMES as [string, ...string[]]),
  at: iso,
  severity: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** The switch's state after the step, for read models (fleet projection). */
  registration: z.string().optional(),
  authorization: z.string().optional(),
  /**
   * Optional read-model fields, the switch's state after the step (ISO instant, or null when
   * none applies). Absent = unknown (the projection keeps what it had).
   * deadlineAt: authorization.deadline; certExpiresAt: the ID certificate's notAfter;
   * evalEndsAt: when evaluation runs out while consuming (null when not consuming);
   * failureReason: the reason of the last failed exchange, null after a success.
   */
  deadlineAt: iso.nullable().optional(),
  certExpiresAt: iso.nullable().optional(),
  evalEndsAt: iso.nullable().optional(),
  failureReason: z.string().nullable().optional(),
  /** The exchange with the license server this step made, for metrics (kind: register, renew-id, authorize, deregister). */
  cssm: z.object({ kind: z.string(), result: z.enum(['success', 'failure']), reason: z.string().optional() }).optional(),
  /** When the step was triggered by a wake-up: how late it was handled after its due instant, in seconds. */
  wakeLagSeconds: z.number().min(0).optional(),
});
export type SwitchEvent = z.infer<typeof switchEventSchema>;

/**
 * A switch was created or deleted: published (outbox, same transaction) on
 * subject switchLifecycle(switchId) of the event stream, so read models know switches that have
 * no SMART_LIC event yet. Not a SMART_LIC event: event listings and the SSE stream skip it.
 */
export const switchLifecycleSchema = z.object({
  id: z.string(),
  switchId: z.string(),
  switch: z.string(),
  kind: z.enum(['created', 'deleted']),
  at: iso,
  registration: z.string().optional(),
  authorization: z.string().optional(),
});
export type SwitchLifecycle = z.infer<typeof switchLifecycleSchema>;

/** Agent → adapter (core request/reply): perform one Call Home exchange as this switch would. */
export const adapterCallSchema = z.object({
  switchId: z.string(),
  callhome: callhomeSchema,
  network: networkSchema,
  request: deviceRequestSchema,
});
export type AdapterCall = z.infer<typeof adapterCallSchema>;

/** The adapter's reply: the server's answer (success or refusal), or the failure a switch reports. */
export const adapterReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), answer: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), reason: z.string(), kind: z.enum(['NO_PATH', 'DNS', 'TLS', 'UNPARSEABLE', 'HTTP', 'TIMEOUT', 'PROXY', 'CONFIG']) }),
]);
export type AdapterReply = z.infer<typeof adapterReplySchema>;
