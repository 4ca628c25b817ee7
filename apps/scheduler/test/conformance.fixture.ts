import { expect } from 'vitest';
import { startStack, type Stack } from '@fleetlic/testing';
import { gateway, licenseServer, SIMULATED_ENV } from '../../device-gateway/test/support/system-fixture';

export { CLIENT, licenseServer, SIMULATED_ENV, START, switchBody } from '../../device-gateway/test/support/system-fixture';

/**
 * SIMULATED_ENV for the scenarios that step through thousands of instants (each a full flow:
 * fire, agent, adapter, outbox, events), tuned for speed without changing what the product does:
 * - no span file: the test span exporter appends every span synchronously (~60 per instant);
 * - PostgreSQL sessions commit without waiting for the WAL flush (`synchronous_commit=off`
 *   through libpq's PGOPTIONS): every transaction stays atomic and visible at commit; only a
 *   PostgreSQL crash could lose the last ones, and these tests never crash PostgreSQL.
 */
export const LONG_SIMULATION_ENV = { ...SIMULATED_ENV, FLEETLIC_TRACE_FILE: '', PGOPTIONS: '-c synchronous_commit=off' };

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** An instant as NX-OS prints it in `show license status`: `Jun 22 16:15:41 2022 UTC`. */
export function nxDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} UTC`;
}

export interface SwitchEventItem {
  id: string;
  name: string;
  at: string;
}

/** The public API as an operator and an admin use it in the conformance scenarios. */
export function conformanceApi(stack: Stack) {
  const op = gateway(stack, 'operator');
  const admin = gateway(stack, 'admin');
  return {
    op,
    async advanceTo(to: number): Promise<void> {
      const res = await admin('POST', '/clock/advance', { body: { to: new Date(to).toISOString() } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Date.parse(res.body.now)).toBe(to);
    },
    async now(): Promise<number> {
      const res = await admin('GET', '/clock');
      return Date.parse(res.body.now);
    },
    async statusText(name: string): Promise<string> {
      const res = await op('GET', `/switches/${name}/license/status`, { accept: 'text/plain' });
      expect(res.status).toBe(200);
      return res.text;
    },
    /** Every event of a switch, oldest first. */
    async events(name: string): Promise<SwitchEventItem[]> {
      const res = await op('GET', `/switches/${name}/events?limit=1000`);
      expect(res.status).toBe(200);
      return [...(res.body.items as SwitchEventItem[])].reverse();
    },
  };
}

/** The distinct instants (epoch ms, ascending) of the events whose name matches. */
export function instantsOf(events: SwitchEventItem[], name: RegExp): number[] {
  return [...new Set(events.filter((e) => name.test(e.name)).map((e) => Date.parse(e.at)))].sort((a, b) => a - b);
}

/** ISO strings, so that a failed comparison of instants reads as dates. */
export const iso = (ts: number[]): string[] => ts.map((t) => new Date(t).toISOString());

/** A `network` where the switch's Call Home reaches the license server (API.md §1 defaults). */
export const healthyNetwork = () => ({ interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['current'] });
/** The only interface of the Call Home VRF has no path: `Fail to send out Call Home HTTP message`. */
export const unreachableNetwork = () => ({ ...healthyNetwork(), interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: false }] });

export const NO_PATH_REASON = 'Fail to send out Call Home HTTP message';

/** The license server's view of one instance (account API) and of a VA's pools. */
export async function serverView(server: { call: (m: string, p: string, b?: unknown) => Promise<any> }, va: string, serial: string, tag = 'NXOS_ADVANTAGE_XF') {
  const base = '/services/api/smart-accounts-and-licensing';
  const devices = await server.call('GET', `${base}/v2/accounts/demo.example.com/virtual-accounts/${va}/devices`);
  const device = (devices.devices as any[]).find((d) => d.sudi?.udiSerialNumber === serial);
  const licenses = await server.call('POST', `${base}/v1/accounts/demo.example.com/licenses`, { virtualAccounts: [va], limit: 100, offset: 0 });
  const pool = (licenses.licenses as any[]).find((l) => l.licenseTag === tag);
  return { device, pool, licenses: licenses.licenses as any[] };
}

/** The events of a switch at or after `since` (at most 1,000, the API's page), oldest first. */
export async function eventsSince(api: ReturnType<typeof conformanceApi>, name: string, since: number): Promise<SwitchEventItem[]> {
  const res = await api.op('GET', `/switches/${name}/events?limit=1000&since=${encodeURIComponent(new Date(since).toISOString())}`);
  expect(res.status).toBe(200);
  expect(res.body.items.length, 'more than one page of events: use a shorter window').toBeLessThan(1000);
  return [...(res.body.items as SwitchEventItem[])].reverse();
}

export interface ConformanceContext {
  stack: Stack;
  api: ReturnType<typeof conformanceApi>;
  server: ReturnType<typeof licenseServer>;
}

/**
 * The stack of one conformance file: started before its tests (then `setUp`), stopped after,
 * every process's log printed when a test failed. Its fields are set once `beforeAll` has run.
 */
export function conformanceStack(env: Record<string, string> = SIMULATED_ENV, setUp?: (c: ConformanceContext) => Promise<unknown>): ConformanceContext {
  const ctx = {} as ConformanceContext;
  beforeAll(async () => {
    ctx.stack = await startStack({ env });
    ctx.api = conformanceApi(ctx.stack);
    ctx.server = licenseServer(ctx.stack);
    await setUp?.(ctx);
  });
  afterAll(async () => {
    await ctx.stack?.stop();
  });
  afterEach((t) => {
    if (t.task.result?.state === 'fail') ctx.stack?.dumpLogs();
  });
  return ctx;
}
