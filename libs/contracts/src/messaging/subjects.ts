/**
 * Every NATS subject, stream and consumer name, derived from FLEETLIC_NAMESPACE so that two
 * stacks (or two test files) can share one NATS server. Subjects carry a switch's internal id
 * (a UUID), never its name, which may contain dots.
 */
export function subjects(ns: string) {
  const NS = ns.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return {
    /** JetStream: commands for the licensing agent of one switch. */
    agentCommand: (switchId: string) => `${ns}.cmd.agent.${switchId}`,
    agentCommandAll: `${ns}.cmd.agent.>`,
    /** Core NATS: the outcome of one command, published by the agent after commit (for ?wait=true). */
    commandResult: (commandId: string) => `${ns}.cmdresult.${commandId}`,
    /** JetStream: switch events, `<ns>.evt.<switch>.<SMART_LIC name>`. */
    event: (switchId: string, name: string) => `${ns}.evt.${switchId}.${name}`,
    eventAll: `${ns}.evt.>`,
    /** JetStream (events stream): a switch's creation or deletion notice (switchLifecycleSchema). */
    switchLifecycle: (switchId: string) => `${ns}.evt.${switchId}.lifecycle`,
    /** JetStream: wake-up requests to the scheduler (set or cancel "wake owner X, key K, at T"). */
    wakeRequest: `${ns}.sched.set`,
    /** JetStream: a due wake-up delivered to its owner; owner is e.g. `agent.<switchId>` or `cssm.<instance>`. */
    wake: (owner: string) => `${ns}.wake.${owner}`,
    wakeAgentAll: `${ns}.wake.agent.>`,
    wakeCssm: (instance: string) => `${ns}.wake.cssm.${instance}`,
    /** JetStream: dead letters, with the reason in the `Fleetlic-Dead-Reason` header. */
    deadLetter: (origin: string) => `${ns}.dlq.${origin}`,
    deadLetterAll: `${ns}.dlq.>`,
    /** Core request/reply. */
    adapterCall: `${ns}.adapter.call`,
    agentQuery: `${ns}.agent.query`,
    clockAdvance: `${ns}.clock.advance`,
    clockNow: `${ns}.clock.now`,
    health: (service: string) => `${ns}.health.${service}`,
    streams: {
      agentCommands: `${NS}_AGENT_CMD`,
      events: `${NS}_EVENTS`,
      wakeRequests: `${NS}_SCHED`,
      wakes: `${NS}_WAKE`,
      deadLetters: `${NS}_DLQ`,
    },
    consumers: {
      agentCommands: 'agent-commands',
      agentWakes: 'agent-wakes',
      scheduler: 'scheduler',
      cssmWakes: (instance: string) => `cssm-${instance}-wakes`,
      gatewayProjection: 'gateway-projection',
    },
    /** KV bucket holding the simulated clock (written only by the scheduler). */
    clockBucket: `${ns}_clock`,
  };
}
export type Subjects = ReturnType<typeof subjects>;

/** NATS headers of the project (read case-insensitively). */
export const HEADERS = {
  /** The sender's instant (ISO 8601); a receiver acts at max(its clock, this). */
  time: 'Fleetlic-Time',
  /** Why a message was dead-lettered. */
  deadReason: 'Fleetlic-Dead-Reason',
  /** The JetStream message id (deduplication). */
  msgId: 'Nats-Msg-Id',
} as const;
