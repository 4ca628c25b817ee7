import type { DataSource, EntityManager } from 'typeorm';

/** A wake-up request after validation: `at` in epoch ms, or null to cancel. */
export interface WakeChange {
  owner: string;
  key: string;
  at: number | null;
}

export interface DueWakeup {
  owner: string;
  key: string;
  at: number;
  attempts: number;
}

/** What the caller of `claimDue` did with the claimed rows. */
export interface DeliveryOutcome {
  delivered: DueWakeup[];
  failed: DueWakeup[];
}

/**
 * The scheduler's SQL, set-based so that one statement serves a whole batch (ARCHITECTURE.md,
 * Scale): arrays are passed as parameters and expanded with unnest.
 */
export class WakeupStore {
  constructor(private readonly ds: DataSource) {}

  /**
   * Applies a batch of requests in one transaction: the last request per (owner, key) wins; the
   * rest are upserted or deleted in one statement each, in key order so that two replicas
   * applying overlapping batches cannot deadlock.
   */
  async apply(changes: WakeChange[]): Promise<void> {
    const last = new Map<string, WakeChange>();
    for (const c of changes) last.set(`${c.owner}\u0000${c.key}`, c);
    const sorted = [...last.values()].sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const sets = sorted.filter((c) => c.at !== null);
    const cancels = sorted.filter((c) => c.at === null);
    await this.ds.transaction(async (em) => {
      if (sets.length) {
        await em.query(
          `INSERT INTO wakeup (owner, key, at, attempts)
           SELECT o, k, a, 0 FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS r(o, k, a)
           ON CONFLICT (owner, key) DO UPDATE SET at = EXCLUDED.at, attempts = 0`,
          [sets.map((c) => c.owner), sets.map((c) => c.key), sets.map((c) => new Date(c.at!).toISOString())],
        );
      }
      if (cancels.length) {
        await em.query(`DELETE FROM wakeup w USING unnest($1::text[], $2::text[]) AS r(o, k) WHERE w.owner = r.o AND w.key = r.k`, [cancels.map((c) => c.owner), cancels.map((c) => c.key)]);
      }
    });
  }

  /**
   * Claims up to `limit` rows due at or before `now` (FOR UPDATE SKIP LOCKED: rows another
   * replica is delivering are skipped, never delivered twice at once), lets `deliver` publish
   * them while the locks are held, then in the same transaction deletes what was delivered —
   * only if `at` is unchanged — and counts a failed attempt on the rest, which stay due. A crash
   * anywhere before the commit rolls back to "still due", so the wake is delivered again.
   */
  async claimDue(now: number, limit: number, deliver: (rows: DueWakeup[]) => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    return this.ds.transaction(async (em) => {
      const rows: { owner: string; key: string; at: Date; attempts: number }[] = await em.query(
        `SELECT owner, key, at, attempts FROM wakeup WHERE at <= $1 ORDER BY at, owner, key LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [new Date(now).toISOString(), limit],
      );
      if (!rows.length) return { delivered: [], failed: [] };
      const outcome = await deliver(rows.map((r) => ({ owner: r.owner, key: r.key, at: r.at.getTime(), attempts: r.attempts })));
      await this.forget(em, outcome.delivered);
      if (outcome.failed.length) {
        await em.query(`UPDATE wakeup w SET attempts = w.attempts + 1 FROM unnest($1::text[], $2::text[]) AS r(o, k) WHERE w.owner = r.o AND w.key = r.k`, [
          outcome.failed.map((r) => r.owner),
          outcome.failed.map((r) => r.key),
        ]);
      }
      return outcome;
    });
  }

  private async forget(em: EntityManager, rows: DueWakeup[]): Promise<void> {
    if (!rows.length) return;
    await em.query(`DELETE FROM wakeup w USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS r(o, k, a) WHERE w.owner = r.o AND w.key = r.k AND w.at = r.a`, [
      rows.map((r) => r.owner),
      rows.map((r) => r.key),
      rows.map((r) => new Date(r.at).toISOString()),
    ]);
  }

  /** The earliest instant of any stored wake-up (due or not). */
  async nextAt(): Promise<number | undefined> {
    const [row] = await this.ds.query(`SELECT min(at) AS at FROM wakeup`);
    return row?.at ? new Date(row.at).getTime() : undefined;
  }

  /** Wake-ups due at or before `now`, including rows another replica holds locked. */
  async countDue(now: number): Promise<number> {
    const [row] = await this.ds.query(`SELECT count(*)::int AS n FROM wakeup WHERE at <= $1`, [new Date(now).toISOString()]);
    return row.n;
  }

  /** Every stored wake-up of an owner (tests and diagnostics). */
  async list(owner?: string): Promise<DueWakeup[]> {
    const rows: { owner: string; key: string; at: Date; attempts: number }[] = await this.ds.query(
      `SELECT owner, key, at, attempts FROM wakeup WHERE $1::text IS NULL OR owner = $1 ORDER BY at, owner, key`,
      [owner ?? null],
    );
    return rows.map((r) => ({ owner: r.owner, key: r.key, at: r.at.getTime(), attempts: r.attempts }));
  }
}
