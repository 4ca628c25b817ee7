import type { DataSource } from 'typeorm';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

export interface FleetListFilter {
  registration?: string;
  authorization?: string;
  names?: string[];
  limit: number;
  cursor?: string;
}

export interface FleetSwitchItem {
  switchId: string;
  name: string;
  registration: string;
  authorization: string;
  deadlineAt: string | null;
  certExpiresAt: string | null;
  evalEndsAt: string | null;
  lastFailureReason: string | null;
}

export interface StateCount {
  registration: string;
  authorization: string;
  n: number;
}

/** The opaque cursor: the last (name, switch id) of a page, so paging is a keyset seek. */
const encodeCursor = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/i.test(String(v[1]))) return [v[0], v[1] as string];
  } catch {
    /* fall through */
  }
  throw new GatewayError(GatewayErrorCode.Validation, 'cursor: not a cursor this API returned', undefined, { field: 'cursor' });
}

/** Fleet-wide reads from the projection: each is one indexed statement, whatever the fleet size. */
export class FleetReadRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A page ordered by name. The SQL is built per filter combination (not `$1 IS NULL OR …`),
   * so the planner picks the (status, name, switch_id) index and stops after `limit` rows.
   */
  async list(f: FleetListFilter): Promise<{ items: FleetSwitchItem[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.registration) add('registration = ?', f.registration);
    if (f.authorization) add('"authorization" = ?', f.authorization);
    if (f.names) add('name = ANY(?::text[])', f.names);
    if (f.cursor) {
      const [name, id] = decodeCursor(f.cursor);
      params.push(name, id);
      where.push(`(name, switch_id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(f.limit + 1);
    const rows: FleetSwitchItem[] = await this.ds.query(
      `SELECT switch_id AS "switchId", name, registration, "authorization", deadline_at AS "deadlineAt", cert_expires_at AS "certExpiresAt",
              eval_ends_at AS "evalEndsAt", last_failure_reason AS "lastFailureReason"
         FROM fleet_switch ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY name, switch_id LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > f.limit;
    const items = rows.slice(0, f.limit).map(isoDates);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(last.name, last.switchId) : null };
  }

  /** Switches by (registration, authorization): the summary's counts and the `fleetlic_switches` gauge. */
  async stateCounts(): Promise<StateCount[]> {
    return this.ds.query(`SELECT registration, "authorization", count(*)::int AS n FROM fleet_switch GROUP BY 1, 2`);
  }
}

function isoDates(r: FleetSwitchItem): FleetSwitchItem {
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : (d as string | null));
  return { ...r, deadlineAt: iso(r.deadlineAt), certExpiresAt: iso(r.certExpiresAt), evalEndsAt: iso(r.evalEndsAt) };
}
