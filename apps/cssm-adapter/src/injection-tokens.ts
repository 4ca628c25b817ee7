/** Nest injection tokens of the adapter's non-class providers. */
export const ADAPTER_ENV = Symbol('ADAPTER_ENV');
export const MESSAGING = Symbol('MESSAGING');
export const CLOCK = Symbol('CLOCK');
