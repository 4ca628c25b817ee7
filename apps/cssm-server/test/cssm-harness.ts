import { ensureDatabase, runMigrations } from '@fleetlic/persistence';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createCssmApp } from '../src/cssm-app.factory';
import { CssmConfig, OnpremSyncConfig } from '../src/common/injection-tokens';
import { dataSourceFor } from '../src/persistence/cssm.data-source';
import { OAuthService } from '../src/oauth/oauth.service';
import { AccountDirectory } from '../src/account-api/account-directory.service';
import { LicensePoolService } from '../src/admin/license-pool.service';
import { IdTokenService, NewToken } from '../src/account-api/id-token.service';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic';
export const DAY = 86_400_000;

/** A clock the test moves by hand (the shared clock in simulated mode behaves alike). */
export class TestClock {
  constructor(public t = Date.UTC(2030, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  at(header?: number): number {
    return header !== undefined && header > this.t ? header : this.t;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
  /**
   * An instant already stored in the shared clock that this copy has not seen yet (the KV watch
   * trailing the scheduler's reply); `refresh()` reads it, as SimulatedClock does.
   */
  stored?: number;
  async refresh(): Promise<void> {
    if (this.stored !== undefined && this.stored > this.t) this.t = this.stored;
  }
}

export interface Harness {
  ds: DataSource;
  app: INestApplication;
  clock: TestClock;
  config: CssmConfig;
  url: string;
  schema: string;
  kicks: { count: number };
  /** Creates account + VA with pools, returns a helper to make tokens. */
  account(domain: string, va: string, pools?: Record<string, number>): Promise<{ token(input?: Partial<NewToken>): Promise<string> }>;
  bearer(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Share one clock between two servers (a cloud and an On-Prem in one test). */
  clock?: TestClock;
  onprem?: OnpremSyncConfig;
}

const USAGE_COUNTER_DRIFT = `
  SELECT coalesce(c.va_id, s.va_id) AS va, coalesce(c.tag, s.tag) AS tag, c.in_use AS counter, s.n AS sum
    FROM va_usage c
    FULL JOIN (SELECT p.va_id, u.tag, sum(u.count)::int AS n FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
                WHERE p.removed_at IS NULL AND NOT p.usage_released AND u.count > 0 GROUP BY p.va_id, u.tag) s
      ON s.va_id = c.va_id AND s.tag = c.tag
   WHERE coalesce(c.in_use, 0) <> coalesce(s.n, 0)`;

/** Throws when a per-account usage counter (va_usage, kept by triggers) differs from its sum. */
export async function checkUsageCounters(ds: DataSource): Promise<void> {
  const drift = await ds.query(USAGE_COUNTER_DRIFT);
  if (drift.length) throw new Error(`va_usage differs from the usage it counts: ${JSON.stringify(drift)}`);
}

/** One license server per test file, in its own schema, listening on plain HTTP at a random port. */
export async function startHarness(mode: CssmConfig['mode'] = 'cloud', opts: HarnessOptions = {}): Promise<Harness> {
  const namespace = `t${randomBytes(5).toString('hex')}`;
  const env = { DATABASE_URL, FLEETLIC_NAMESPACE: namespace, FLEETLIC_CSSM_INSTANCE: mode === 'cloud' ? 'cloud' : 'onprem' };
  await ensureDatabase(DATABASE_URL);
  const ds = dataSourceFor(env, 30);
  await ds.initialize();
  await runMigrations(ds);
  const stateDir = mkdtempSync(join(tmpdir(), 'cssm-'));
  const config: CssmConfig = { namespace, instance: env.FLEETLIC_CSSM_INSTANCE, mode, stateDir, ...(opts.onprem ? { onprem: opts.onprem } : {}) };
  const clock = opts.clock ?? new TestClock();
  const kicks = { count: 0 };
  const { app, handler } = await createCssmApp({ dataSource: ds, clock, config, outboxKick: () => void kicks.count++ });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const schema = `${namespace}_cssm_${env.FLEETLIC_CSSM_INSTANCE}`;
  let bearerToken: string | undefined;
  return {
    ds,
    app,
    clock,
    config,
    url,
    schema,
    kicks,
    async account(domain, vaName, pools = {}) {
      const directory = new AccountDirectory(ds);
      await directory.createAccount(`Account ${domain}`, domain);
      const va = await directory.createVirtualAccount(domain, vaName);
      for (const [tag, n] of Object.entries(pools)) await new LicensePoolService(ds).adjust(va, tag, n);
      const tokens = new IdTokenService(ds, clock);
      return {
        token: async (input = {}) => (await tokens.create(va, { description: 't', expiresAfterDays: 30, exportControlled: true, ...input }, 'test')).token,
      };
    },
    async bearer() {
      if (bearerToken) return bearerToken;
      const oauth = new OAuthService(ds);
      const secret = await oauth.upsertClient('test-client', 'test-secret');
      bearerToken = (await oauth.issueToken('test-client', secret)).access_token;
      return bearerToken;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      // Whatever the file did (authorizations, races, releases, removals, syncs), the triggers'
      // per-account counters must equal the sum they stand for.
      await checkUsageCounters(ds);
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function call(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}
