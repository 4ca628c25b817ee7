import { z } from 'zod';
import { AUTHORIZATION_STATUSES, REGISTRATION_STATUSES } from '../licensing/license-states';

/**
 * Reads of one switch (or a page of switches), answered by the licensing agent over core
 * request/reply on `<ns>.agent.query` (queue group `agent`). The agent owns the switch records;
 * the gateway only asks.
 */
export const agentQuerySchema = z.discriminatedUnion('type', [
  /** name → internal id, so the gateway can address commands. */
  z.object({ type: z.literal('resolve'), name: z.string() }),
  /** The switch with its identity, configuration and license status JSON (API.md §1). */
  z.object({ type: z.literal('get'), name: z.string() }),
  /** One `show license …` output, as JSON (API.md's status JSON etc.) or NX-OS text. */
  z.object({ type: z.literal('show'), name: z.string(), what: z.enum(['status', 'summary', 'usage', 'all']), format: z.enum(['json', 'text']) }),
  z.object({ type: z.literal('events'), name: z.string(), limit: z.number().int().min(1).max(1000).default(100), since: z.string().optional() }),
  z.object({ type: z.literal('diagnosis'), name: z.string() }),
  z.object({
    type: z.literal('list'),
    registration: z.enum(REGISTRATION_STATUSES).optional(),
    authorization: z.enum(AUTHORIZATION_STATUSES).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    cursor: z.string().optional(),
  }),
]);
export type AgentQuery = z.infer<typeof agentQuerySchema>;

/** Every answer: found=false for an unknown switch name; otherwise the body of the query. */
export const agentQueryReplySchema = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false) }),
  z.object({ found: z.literal(true), body: z.unknown() }),
]);
export type AgentQueryReply = z.infer<typeof agentQueryReplySchema>;

/** Clock requests to the scheduler (core request/reply on `<ns>.clock.now` / `<ns>.clock.advance`). */
export const clockAdvanceRequestSchema = z.object({ to: z.string() });
export const clockStateSchema = z.object({ mode: z.enum(['real', 'simulated']), now: z.string() });
export type ClockState = z.infer<typeof clockStateSchema>;
