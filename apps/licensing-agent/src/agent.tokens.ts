/** Nest injection tokens of the agent's process-wide resources (see agent.module.ts). */
export const AGENT_ENV = Symbol('AGENT_ENV');
export const MESSAGING = Symbol('MESSAGING');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const CLOCK = Symbol('CLOCK');
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
