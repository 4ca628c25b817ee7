/** Nest injection tokens for the dependencies the license server is built with. */
export const DATA_SOURCE = Symbol('cssm.dataSource');
export const CLOCK = Symbol('cssm.clock');
export const CSSM_CONFIG = Symbol('cssm.config');

/** The shared clock (libs/clock's Clock satisfies it). */
export interface CssmClock {
  now(): number;
  at(headerTime?: number): number;
  /** The simulated clock's re-read of the stored instant (absent on the wall clock). */
  refresh?(): Promise<void>;
}

export interface CssmConfig {
  namespace: string;
  instance: string;
  mode: 'cloud' | 'onprem';
  /** Where the CA certificates are written as PEM. */
  stateDir: string;
  /** On-Prem synchronisation (API.md §4); absent in tests that do not need it. */
  onprem?: OnpremSyncConfig;
}

export interface OnpremSyncConfig {
  /** The cloud server an On-Prem server syncs with over the network (none: file sync only). */
  upstreamUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** FLEETLIC_ONPREM_SYNC_INTERVAL in ms: the schedule of network sync and the due date of both sides. */
  syncIntervalMs: number;
}

export const DAY_MS = 86_400_000;
