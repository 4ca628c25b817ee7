import type { CallhomeConfig } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';

/** The `state` column: the domain state without what the row's own columns already hold. */
export type StoredState = Omit<AgentState, 'identity' | 'callhome'> & Partial<Pick<AgentState, 'identity' | 'callhome'>>;

/** The columns a stored state is completed from. */
export interface StateColumns {
  pid: string;
  serial_number: string;
  nxos_version: string;
  callhome: CallhomeConfig;
}

/**
 * Drops the identity (the pid, serial_number and nxos_version columns; the domain never changes
 * it) and the Call Home configuration when it equals the `callhome` column: about 330 of the
 * 1,300 bytes of a switch's state, on the row every step rewrites (BENCHMARKS.md, footprint).
 */
export function toStoredState(state: AgentState, callhome: CallhomeConfig): StoredState {
  const { identity: _identity, callhome: own, ...rest } = state;
  return JSON.stringify(own) === JSON.stringify(callhome) ? rest : { ...rest, callhome: own };
}

/** The inverse; a row written with the whole state reads back as it was. */
export function fromStoredState(stored: StoredState, row: StateColumns): AgentState {
  return {
    ...stored,
    identity: stored.identity ?? { pid: row.pid, serialNumber: row.serial_number, nxosVersion: row.nxos_version },
    callhome: stored.callhome === undefined ? row.callhome : stored.callhome,
  };
}
