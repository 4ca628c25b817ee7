import type { DataSource } from 'typeorm';
import type { CallhomeConfig, NetworkConfig } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';
import { fromStoredState } from '../persistence/stored-state';

/** A switch as queries see it: everything but its private key, which no query ever selects. */
export interface SwitchReadRow {
  id: string;
  name: string;
  pid: string;
  serial_number: string;
  udi: string;
  nxos_version: string;
  callhome: CallhomeConfig;
  network: NetworkConfig;
  state: AgentState;
  created_at: Date;
}

export interface EventReadRow {
  id: string;
  name: string;
  at: Date;
  severity: string;
  message: string;
  data: Record<string, unknown>;
}

export interface ListRow {
  name: string;
  udi: string;
  registration_status: string;
  authorization_status: string;
  next_wake_at: Date | null;
}

export async function findSwitchByName(ds: DataSource, name: string): Promise<SwitchReadRow | undefined> {
  const rows: SwitchReadRow[] = await ds.query(
    'SELECT id, name, pid, serial_number, udi, nxos_version, callhome, network, state, created_at FROM switch WHERE name = $1',
    [name],
  );
  return rows[0] && { ...rows[0], state: fromStoredState(rows[0].state, rows[0]) };
}

/** Newest first; one statement tells an unknown switch (no row) from one without events. */
export async function findEvents(ds: DataSource, name: string, limit: number, since?: Date): Promise<EventReadRow[] | undefined> {
  const rows: (Partial<EventReadRow> & { switch_id: string })[] = await ds.query(
    `SELECT s.id AS switch_id, e.id, e.name, e.at, e.severity, e.message, e.data
       FROM switch s
       LEFT JOIN LATERAL (
         SELECT id, name, at, severity, message, data FROM switch_event
          WHERE switch_id = s.id AND ($3::timestamptz IS NULL OR at >= $3)
          ORDER BY at DESC, id DESC LIMIT $2
       ) e ON true
      WHERE s.name = $1`,
    [name, limit, since ?? null],
  );
  if (rows.length === 0) return undefined;
  return rows.filter((r) => r.id !== null && r.id !== undefined) as EventReadRow[];
}

/**
 * One page of the fleet in name order, optionally filtered by the denormalised statuses: walks
 * the name index (the gateway's projection, with its own indexes, is what serves the API).
 */
export async function listSwitches(ds: DataSource, f: { registration?: string; authorization?: string; after?: string; limit: number }): Promise<ListRow[]> {
  return ds.query(
    `SELECT name, udi, registration_status, authorization_status, next_wake_at FROM switch
      WHERE ($1::text IS NULL OR registration_status = $1)
        AND ($2::text IS NULL OR authorization_status = $2)
        AND ($3::text IS NULL OR name > $3)
      ORDER BY name LIMIT $4`,
    [f.registration ?? null, f.authorization ?? null, f.after ?? null, f.limit],
  );
}
