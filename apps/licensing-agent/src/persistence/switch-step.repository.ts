import type { QueryRunner } from 'typeorm';
import type { CallhomeConfig, CommandResult, NetworkConfig } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';
import { fromStoredState, toStoredState } from './stored-state';

/** The switch row as a command step needs it, locked for the rest of the transaction. */
export interface LockedSwitch {
  id: string;
  name: string;
  pid: string;
  serial_number: string;
  nxos_version: string;
  callhome: CallhomeConfig;
  network: NetworkConfig;
  state: AgentState;
  private_key: string;
  next_wake_at: Date | null;
}

/** An outbox row other than an event (events get theirs from the event id inside the statement). */
export interface OutboxRow {
  subject: string;
  payload: unknown;
  msg_id: string;
}

/** An event row plus the subject and payload (without id) of its outbox message. */
export interface EventRow {
  name: string;
  at: string;
  severity: string;
  message: string;
  data: Record<string, unknown>;
  subject: string;
  payload: Record<string, unknown>;
}

export interface StepWrite {
  switchId: string;
  /** update: new state and config; delete: the row goes (with its events, by cascade). */
  mode: 'update' | 'delete';
  state: AgentState;
  callhome: CallhomeConfig;
  network: NetworkConfig;
  nextWakeAt: number | null;
  events: EventRow[];
  outbox: OutboxRow[];
  headers: Record<string, string>;
  processed?: CommandResult;
}

/** `SELECT … FOR UPDATE`: serialises every step of one switch across workers and replicas. */
export async function lockSwitch(qr: QueryRunner, switchId: string): Promise<LockedSwitch | undefined> {
  const rows: LockedSwitch[] = await qr.query(
    `SELECT id, name, pid, serial_number, nxos_version, callhome, network, state, private_key, next_wake_at
       FROM switch WHERE id = $1 FOR UPDATE`,
    [switchId],
  );
  return rows[0] && { ...rows[0], state: fromStoredState(rows[0].state, rows[0]) };
}

/**
 * The stored result of a command already applied. Read after taking the row lock, in its own
 * statement, so that it sees a concurrent delivery's commit we waited for (read committed).
 */
export async function findProcessed(qr: QueryRunner, commandId: string): Promise<CommandResult | undefined> {
  const rows: { outcome: CommandResult }[] = await qr.query('SELECT outcome FROM processed_command WHERE command_id = $1', [commandId]);
  return rows[0]?.outcome;
}

/** Records an outcome that changed no switch (not found). */
export async function recordOutcome(qr: QueryRunner, result: CommandResult): Promise<void> {
  await qr.query('INSERT INTO processed_command (command_id, outcome) VALUES ($1, $2::jsonb)', [result.commandId, JSON.stringify(result)]);
}

/**
 * Event ids come from the sequence inside the statement (the CTE is materialised once), so each
 * event's outbox message carries its id as payload id and `Nats-Msg-Id`.
 */
function tail(p: { events: string; outbox: string; commandId: string; outcome: string; headers: string }, insertEvents: boolean): string {
  const events = `ev AS (
  SELECT nextval(pg_get_serial_sequence('switch_event', 'id')) AS id, e.*
    FROM ROWS FROM (jsonb_to_recordset(${p.events}::jsonb) AS (name text, at timestamptz, severity text, message text, data jsonb, subject text, payload jsonb))
         WITH ORDINALITY AS e(name, at, severity, message, data, subject, payload, ord)
)`;
  const insert = `, evi AS (
  INSERT INTO switch_event (id, switch_id, name, at, severity, message, data)
  SELECT id, $1, name, at, severity, message, data FROM ev
)`;
  return `${events}${insertEvents ? insert : ''}, pc AS (
  INSERT INTO processed_command (command_id, outcome) SELECT ${p.commandId}::text, ${p.outcome}::jsonb WHERE ${p.commandId}::text IS NOT NULL
)
INSERT INTO outbox (subject, payload, headers, msg_id)
SELECT subject, payload, ${p.headers}::jsonb, msg_id FROM (
  SELECT 0 AS grp, ord, subject, jsonb_set(payload, '{id}', to_jsonb(id::text)) AS payload, id::text AS msg_id FROM ev
  UNION ALL
  SELECT 1, o.ord, o.subject, o.payload, o.msg_id
    FROM ROWS FROM (jsonb_to_recordset(${p.outbox}::jsonb) AS (subject text, payload jsonb, msg_id text)) WITH ORDINALITY AS o(subject, payload, msg_id, ord)
) x ORDER BY grp, ord`;
}

const UPDATE_SQL = `WITH sw AS (
  UPDATE switch SET state = $2::jsonb, callhome = $3::jsonb, network = $4::jsonb, registration_status = $5,
         authorization_status = $6, next_wake_at = $7, updated_at = now()
   WHERE id = $1
), ${tail({ events: '$8', outbox: '$9', commandId: '$10', outcome: '$11', headers: '$12' }, true)}`;

// A deleted switch keeps no event rows (they go by cascade); its events still go out through the outbox.
const DELETE_SQL = `WITH sw AS (DELETE FROM switch WHERE id = $1), ${tail({ events: '$2', outbox: '$3', commandId: '$4', outcome: '$5', headers: '$6' }, false)}`;

/**
 * Writes a whole step in ONE statement (data-modifying CTEs): the switch row, its events, the
 * processed command and every outbox row (events in order, then wake requests).
 */
export async function writeStep(qr: QueryRunner, w: StepWrite): Promise<void> {
  const common = [
    JSON.stringify(w.events),
    JSON.stringify(w.outbox),
    w.processed?.commandId ?? null,
    w.processed ? JSON.stringify(w.processed) : null,
    JSON.stringify(w.headers),
  ];
  if (w.mode === 'delete') return void (await qr.query(DELETE_SQL, [w.switchId, ...common]));
  const row = [JSON.stringify(toStoredState(w.state, w.callhome)), JSON.stringify(w.callhome), JSON.stringify(w.network), w.state.registration.status, w.state.authorization.status];
  await qr.query(UPDATE_SQL, [w.switchId, ...row, w.nextWakeAt === null ? null : new Date(w.nextWakeAt), ...common]);
}
