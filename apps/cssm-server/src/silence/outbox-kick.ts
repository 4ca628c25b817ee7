/**
 * Injection token of a function called after a transaction that wrote outbox rows committed
 * (main.ts binds it to the OutboxRelay's kick; without it the relay's poll picks them up).
 */
export const OUTBOX_KICK = Symbol('cssm.outboxKick');
