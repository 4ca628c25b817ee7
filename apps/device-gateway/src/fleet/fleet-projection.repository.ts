import type { DataSource } from 'typeorm';
import type { FleetChange } from './fleet-change.mapper';

/** A switch's statuses right after `create` (licensing-domain's initialAgentState). */
export const INITIAL_STATUS = { registration: 'UNREGISTERED', authorization: 'EVAL MODE' } as const;

/**
 * One statement per batch. `r` holds the folded changes; `has_*` tell "unknown, keep" from
 * "null, clear". Existing rows are updated only by a newer event (higher id, else later `at`),
 * so a redelivered or replayed event changes nothing, and never by a creation. Rows not there yet are inserted,
 * unless the switch was deleted (a tombstone: its news can arrive late); the insert's own conflict
 * branch covers a row created concurrently (a create by another replica).
 */
const APPLY_SQL = `WITH r AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    switch_id uuid, name text, registration text, "authorization" text,
    deadline_at timestamptz, has_deadline boolean, cert_expires_at timestamptz, has_cert boolean,
    eval_ends_at timestamptz, has_eval boolean, failure text, has_failure boolean, event_id bigint, at timestamptz, creation boolean)
),
newer AS (
  SELECT r.* FROM r JOIN fleet_switch f ON f.switch_id = r.switch_id
   WHERE NOT r.creation AND CASE WHEN r.event_id IS NOT NULL AND f.last_event_id IS NOT NULL THEN r.event_id > f.last_event_id
              ELSE f.last_event_at IS NULL OR r.at >= f.last_event_at END
),
upd AS (
  UPDATE fleet_switch f SET name = n.name,
         registration = coalesce(n.registration, f.registration),
         "authorization" = coalesce(n."authorization", f."authorization"),
         deadline_at = CASE WHEN n.has_deadline THEN n.deadline_at ELSE f.deadline_at END,
         cert_expires_at = CASE WHEN n.has_cert THEN n.cert_expires_at ELSE f.cert_expires_at END,
         eval_ends_at = CASE WHEN n.has_eval THEN n.eval_ends_at ELSE f.eval_ends_at END,
         last_failure_reason = CASE WHEN n.has_failure THEN n.failure ELSE f.last_failure_reason END,
         last_event_id = coalesce(n.event_id, f.last_event_id), last_event_at = n.at, updated_at = now()
    FROM newer n WHERE f.switch_id = n.switch_id
)
INSERT INTO fleet_switch AS f (switch_id, name, registration, "authorization", deadline_at, cert_expires_at, eval_ends_at,
                               last_failure_reason, last_event_id, last_event_at, updated_at)
SELECT switch_id, name, coalesce(registration, $2), coalesce("authorization", $3), deadline_at, cert_expires_at, eval_ends_at,
       failure, event_id, at, now()
  FROM r WHERE NOT EXISTS (SELECT 1 FROM fleet_switch x WHERE x.switch_id = r.switch_id)
   AND NOT EXISTS (SELECT 1 FROM fleet_switch_tombstone t WHERE t.switch_id = r.switch_id)
ON CONFLICT (switch_id) DO UPDATE SET registration = EXCLUDED.registration, "authorization" = EXCLUDED."authorization",
       deadline_at = EXCLUDED.deadline_at, cert_expires_at = EXCLUDED.cert_expires_at, eval_ends_at = EXCLUDED.eval_ends_at,
       last_failure_reason = EXCLUDED.last_failure_reason, last_event_id = EXCLUDED.last_event_id,
       last_event_at = EXCLUDED.last_event_at, updated_at = now()
 WHERE f.last_event_at IS NULL`;

/** Writes of the fleet projection: event batches, creations the gateway saw, deletions. */
export class FleetProjectionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Applies folded changes (one per switch) in one statement, deletions in a second. */
  async apply(changes: FleetChange[]): Promise<void> {
    const live = changes.filter((c) => !c.deleted);
    const gone = changes.filter((c) => c.deleted).map((c) => c.switchId);
    if (live.length) {
      const rows = live.map((c) => ({
        switch_id: c.switchId,
        name: c.name,
        registration: c.registration ?? null,
        authorization: c.authorization ?? null,
        deadline_at: c.deadlineAt ?? null,
        has_deadline: c.deadlineAt !== undefined,
        cert_expires_at: c.certExpiresAt ?? null,
        has_cert: c.certExpiresAt !== undefined,
        eval_ends_at: c.evalEndsAt ?? null,
        has_eval: c.evalEndsAt !== undefined,
        failure: c.failureReason ?? null,
        has_failure: c.failureReason !== undefined,
        event_id: c.eventId,
        at: c.at,
        creation: c.creation,
      }));
      await this.ds.query(APPLY_SQL, [JSON.stringify(rows), INITIAL_STATUS.registration, INITIAL_STATUS.authorization]);
    }
    if (gone.length) await this.removed(gone);
  }

  /** Switches whose `create` the agent applied: known at once, before any event (idempotent). */
  async created(switches: { switchId: string; name: string }[], at: Date): Promise<void> {
    if (!switches.length) return;
    await this.ds.query(
      `INSERT INTO fleet_switch (switch_id, name, registration, "authorization", updated_at)
       SELECT s.id, s.name, $2, $3, $4 FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, name text)
        WHERE NOT EXISTS (SELECT 1 FROM fleet_switch_tombstone t WHERE t.switch_id = s.id)
       ON CONFLICT (switch_id) DO NOTHING`,
      [JSON.stringify(switches.map((s) => ({ id: s.switchId, name: s.name }))), INITIAL_STATUS.registration, INITIAL_STATUS.authorization, at],
    );
  }

  /** Deletes the rows and leaves tombstones; those older than a day go (no message is that late). */
  async removed(switchIds: string[]): Promise<void> {
    if (!switchIds.length) return;
    await this.ds.query(
      `WITH gone AS (DELETE FROM fleet_switch WHERE switch_id = ANY($1::uuid[])),
            pruned AS (DELETE FROM fleet_switch_tombstone WHERE deleted_at < now() - interval '1 day')
       INSERT INTO fleet_switch_tombstone (switch_id, deleted_at) SELECT unnest($1::uuid[]), now()
       ON CONFLICT (switch_id) DO NOTHING`,
      [switchIds],
    );
  }
}
