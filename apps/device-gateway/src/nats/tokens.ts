/** Injection tokens for what main.ts opens before Nest starts (one NATS connection, one clock, one data source). */
export const MESSAGING = Symbol('MESSAGING');
export const CLOCK = Symbol('CLOCK');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
