import type { JetStreamManager } from '@nats-io/jetstream';
import { subjects } from '@fleetlic/contracts';
import type { DataSource } from 'typeorm';
import type { WakeupStore } from '../persistence/wakeup.store';

/** One look at the system: what is still busy, and how far each stream has got. */
interface Look {
  busy: string[];
  lastSeqs: string;
}

/**
 * Decides whether the system is quiet (ARCHITECTURE.md, Time): no message pending or
 * unacknowledged on any consumer of the namespace's command, wake, wake-request and event
 * streams, no row in any `outbox` table of the namespace's schemas, and no wake-up due at or
 * before now.
 *
 * The parts are read one after the other, not atomically, so work could slip from a part not
 * yet read into one already read. Parts are read in flow order (commands and wakes, then
 * outboxes, then wake requests and events, then due rows), and quiet needs two clean looks in a
 * row with no stream's last sequence moved between them: every hand-over in the flow publishes
 * to one of those streams, so nothing can move unseen between the two looks.
 */
export class QuietProbe {
  private outboxSchemas: string[] = [];
  private readonly streams: string[];

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly ds: DataSource,
    private readonly store: WakeupStore,
    private readonly namespace: string,
  ) {
    const s = subjects(namespace).streams;
    this.streams = [s.agentCommands, s.wakes, s.wakeRequests, s.events];
  }

  /** Lists the namespace's schemas with an outbox (once per advance: services may have migrated since). */
  async refreshOutboxes(): Promise<void> {
    const like = `${this.namespace.replace(/[\\_%]/g, (c) => `\\${c}`)}\\_%`;
    const rows: { s: string }[] = await this.ds.query(`SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'outbox' AND table_schema LIKE $1 ORDER BY 1`, [like]);
    this.outboxSchemas = rows.map((r) => r.s);
  }

  /** [] when quiet at `now`; else what is still busy, for the stall guard's message. */
  async check(now: number): Promise<string[]> {
    const first = await this.look(now);
    if (first.busy.length) return first.busy;
    const second = await this.look(now);
    if (second.busy.length) return second.busy;
    return first.lastSeqs === second.lastSeqs ? [] : ['messages published while checking'];
  }

  private async look(now: number): Promise<Look> {
    const busy: string[] = [];
    const seqs: number[] = [];
    const [cmd, wake, sched, evt] = this.streams;
    // Streams of one stage are read together; the stages one after the other.
    seqs.push(...(await Promise.all([cmd, wake].map((s) => this.consumers(s, busy)))));
    busy.push(...(await this.outboxRows()));
    seqs.push(...(await Promise.all([sched, evt].map((s) => this.consumers(s, busy)))));
    const due = await this.store.countDue(now);
    if (due) busy.push(`${due} wake-ups due`);
    return { busy, lastSeqs: seqs.join(',') };
  }

  /** Adds the busy consumers of `stream` to `busy`; returns the stream's last sequence. */
  private async consumers(stream: string, busy: string[]): Promise<number> {
    // A stream not created yet has nothing pending: its sequence reads as 0.
    const [lastSeq, consumers] = await Promise.all([
      this.jsm.streams.info(stream).then((i) => i.state.last_seq, () => 0),
      this.jsm.consumers.list(stream).next().catch(() => []),
    ]);
    for (const c of consumers) {
      if (c.num_pending > 0 || c.num_ack_pending > 0) busy.push(`${stream}/${c.name}: ${c.num_pending} pending, ${c.num_ack_pending} unacknowledged`);
    }
    return lastSeq;
  }

  private async outboxRows(): Promise<string[]> {
    if (!this.outboxSchemas.length) return [];
    const sql = this.outboxSchemas.map((s, i) => `SELECT $${i + 1}::text AS s WHERE EXISTS (SELECT 1 FROM "${s.replace(/"/g, '""')}".outbox)`).join(' UNION ALL ');
    const rows: { s: string }[] = await this.ds.query(sql, this.outboxSchemas);
    return rows.map((r) => `${r.s}.outbox: unpublished rows`);
  }
}
