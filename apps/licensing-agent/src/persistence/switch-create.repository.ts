import type { DataSource } from 'typeorm';
import type { CallhomeConfig, CommandResult, NetworkConfig } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';
import { toStoredState } from './stored-state';
import type { OutboxRow } from './switch-step.repository';

export interface NewSwitch {
  id: string;
  name: string;
  pid: string;
  serialNumber: string;
  udi: string;
  nxosVersion: string;
  callhome: CallhomeConfig;
  network: NetworkConfig;
  state: AgentState;
  privateKey: string;
  nextWakeAt: number | null;
}

/**
 * Onboarding is the benchmarked path, so a create is ONE autocommit statement: the processed
 * check, the insert (a name, UDI or id already taken → nothing inserted: conflict), the
 * processed command with its outcome and the outbox rows. A concurrent duplicate delivery fails
 * on the processed_command key and is redelivered, then finds the stored outcome.
 */
const CREATE_SQL = `WITH done AS (SELECT outcome FROM processed_command WHERE command_id = $1),
ins AS (
  INSERT INTO switch (id, name, pid, serial_number, udi, nxos_version, callhome, network, state, private_key,
                      registration_status, authorization_status, next_wake_at)
  SELECT $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14
   WHERE NOT EXISTS (SELECT 1 FROM done)
  ON CONFLICT DO NOTHING
  RETURNING id
),
pc AS (
  INSERT INTO processed_command (command_id, outcome)
  SELECT $1, CASE WHEN EXISTS (SELECT 1 FROM ins) THEN $15::jsonb ELSE $16::jsonb END
   WHERE NOT EXISTS (SELECT 1 FROM done)
),
ob AS (
  INSERT INTO outbox (subject, payload, headers, msg_id)
  SELECT o.subject, o.payload, $18::jsonb, o.msg_id
    FROM ROWS FROM (jsonb_to_recordset($17::jsonb) AS (subject text, payload jsonb, msg_id text)) WITH ORDINALITY AS o(subject, payload, msg_id, ord)
   WHERE EXISTS (SELECT 1 FROM ins)
   ORDER BY o.ord
)
SELECT (SELECT outcome FROM done) AS processed, EXISTS (SELECT 1 FROM ins) AS inserted`;

/** The outcome to publish: the stored one for a redelivery, else applied or conflict. */
export async function createSwitch(
  ds: DataSource,
  sw: NewSwitch,
  outcomes: { applied: CommandResult; conflict: CommandResult },
  outbox: OutboxRow[],
  headers: Record<string, string>,
): Promise<CommandResult> {
  const rows: { processed: CommandResult | null; inserted: boolean }[] = await ds.query(CREATE_SQL, [
    outcomes.applied.commandId,
    sw.id,
    sw.name,
    sw.pid,
    sw.serialNumber,
    sw.udi,
    sw.nxosVersion,
    JSON.stringify(sw.callhome),
    JSON.stringify(sw.network),
    JSON.stringify(toStoredState(sw.state, sw.callhome)),
    sw.privateKey,
    sw.state.registration.status,
    sw.state.authorization.status,
    sw.nextWakeAt === null ? null : new Date(sw.nextWakeAt),
    JSON.stringify(outcomes.applied),
    JSON.stringify(outcomes.conflict),
    JSON.stringify(outbox),
    JSON.stringify(headers),
  ]);
  const { processed, inserted } = rows[0];
  return processed ?? (inserted ? outcomes.applied : outcomes.conflict);
}
