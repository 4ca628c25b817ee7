import { expectEventually, startStack, type Stack } from '@fleetlic/testing';
import { DEMO_DOMAIN, gateway, licenseServer, SIMULATED_ENV } from './support/system-fixture';

// Issue 7: bulk import with per-line errors, fleet registration as a job, the summary against
// per-switch states, metrics, and the fleet-wide event stream (SSE).
let stack: Stack;
let cssm: ReturnType<typeof licenseServer>;
const PID = 'N9K-C93180YC-FX';
const GOOD = 2000;
/** Switches whose Call Home trusts only the legacy root: their registration fails (SPEC §11 problem 3). */
const BROKEN = ['fl-00010', 'fl-00500', 'fl-01999'];

beforeAll(async () => {
  // A loaded machine answers 2,000 registrations slowly; the Call Home timeout must not turn that into failures.
  stack = await startStack({ env: { ...SIMULATED_ENV, FLEETLIC_CALLHOME_TIMEOUT_MS: '60000' } });
  cssm = licenseServer(stack);
  await cssm.setUp('Default', 100);
});
afterAll(async () => stack?.stop());
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

const op = () => gateway(stack, 'operator');
type Job = { id: string; kind: string; state: string; total: number; done: number; failed: number; errors: { line?: number; name?: string; reason: string }[] };
const finished = (jobId: string, timeoutMs: number) =>
  expectEventually(async () => {
    const job = (await op()<Job>('GET', `/jobs/${jobId}`)).body;
    expect(['done', 'failed']).toContain(job.state);
    return job;
  }, { timeoutMs, intervalMs: 250 });

/** The CSV: header on line 1, 2,000 good rows, and 5 bad rows at known lines. */
function inventory(): { csv: string; badLines: number[] } {
  const lines = ['name,pid,serialNumber,nxosVersion'];
  const badLines: number[] = [];
  const bad = (row: string) => {
    lines.push(row);
    badLines.push(lines.length);
  };
  for (let i = 0; i < GOOD; i++) {
    lines.push(`fl-${String(i).padStart(5, '0')},${PID},FLT${String(i).padStart(8, '0')},9.3(5)`);
    if (i === 100) bad('bad name!,N9K-C93180YC-FX,FLTBAD00001,9.3(5)');
    if (i === 400) bad(`fl-bad-nopid,,FLTBAD00002,9.3(5)`);
    if (i === 800) bad(`fl-bad-noversion,${PID},FLTBAD00003,`);
    if (i === 1200) bad(`fl-00003,${PID},FLTBAD00004,9.3(5)`); // name already on an earlier line
    if (i === 1600) bad(`fl-bad-udi,${PID},FLT00000007,9.3(5)`); // UDI already on an earlier line
  }
  return { csv: `${lines.join('\n')}\n`, badLines };
}

it('imports 2,000 switches from CSV and reports each of the 5 bad rows with its line', async () => {
  const { csv, badLines } = inventory();
  const started = Date.now();
  const res = await op()<{ jobId: string }>('POST', '/switches:import', { raw: csv, type: 'text/csv' });
  expect(res.status).toBe(202);
  const job = await finished(res.body.jobId, 120_000);
  console.log(`import of ${GOOD} switches took ${Date.now() - started} ms`);
  expect(job).toMatchObject({ kind: 'import', state: 'done', total: GOOD + 5, done: GOOD, failed: 5 });
  expect(job.errors.map((e) => e.line).sort((a, b) => a! - b!)).toEqual(badLines);
  const listed = await op()<{ items: unknown[]; nextCursor: string | null }>('GET', '/switches?limit=1000&registration=UNREGISTERED');
  expect(listed.body.items).toHaveLength(1000);
  expect(listed.body.nextCursor).toBeTruthy();
});

it('registers the fleet as a job, lists the failures, and the summary matches every switch', async () => {
  for (const name of BROKEN) {
    const network = { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['legacy'] };
    expect((await op()('PUT', `/switches/${name}/network`, { body: network })).status).toBe(200);
  }
  const idToken = await cssm.token('Default');
  const started = Date.now();
  const res = await op()<{ jobId: string }>('POST', '/fleet/register', { body: { idToken } });
  expect(res.status).toBe(202);
  const job = await finished(res.body.jobId, 540_000);
  console.log(`registration of ${GOOD} switches took ${Date.now() - started} ms`);
  expect(job).toMatchObject({ kind: 'fleet-register', state: 'done', total: GOOD, done: GOOD - BROKEN.length, failed: BROKEN.length });
  expect(job.errors.map((e) => e.name).sort()).toEqual(BROKEN);
  expect(JSON.stringify(job)).not.toContain(idToken);

  // Per-switch states from the agent (the source of truth), counted here.
  const byReg: Record<string, number> = {};
  const byAuth: Record<string, number> = {};
  const names = Array.from({ length: GOOD }, (_, i) => `fl-${String(i).padStart(5, '0')}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(
      names.slice(i, i + 50).map(async (name) => {
        const s = (await op()<{ registration: { status: string }; authorization: { status: string } }>('GET', `/switches/${name}/license/status`)).body;
        byReg[s.registration.status] = (byReg[s.registration.status] ?? 0) + 1;
        byAuth[s.authorization.status] = (byAuth[s.authorization.status] ?? 0) + 1;
      }),
    );
  }
  expect(byReg.REGISTERED).toBe(GOOD - BROKEN.length);
  const summary = await expectEventually(async () => {
    const s = (await op()('GET', '/fleet/summary')).body;
    for (const [status, n] of Object.entries(byReg)) expect(s.registration[status]).toBe(n);
    for (const [status, n] of Object.entries(byAuth)) expect(s.authorization[status]).toBe(n);
    return s;
  }, { timeoutMs: 20_000, intervalMs: 500 });
  expect(summary.total).toBe(GOOD);
  expect(summary.failures.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBe(BROKEN.length);
  expect(summary.pools).toMatchObject({ available: true });
  expect(summary.pools.accounts.some((a: { domain: string }) => a.domain === DEMO_DOMAIN)).toBe(true);

  const metrics = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
  expect(metrics).toContain(`fleetlic_switches{registration="REGISTERED",authorization="${Object.keys(byAuth).find((a) => a !== 'EVAL MODE') ?? 'AUTHORIZED'}"}`);
  expect(metrics).toMatch(/fleetlic_commands_total\{type="register"\} 2000/);
  expect(metrics).toMatch(/fleetlic_cssm_attempts_total\{kind="register",result="success"\}/);
  expect(metrics).toContain('fleetlic_consumer_pending{stream=');
}, 600_000);

it('streams the events of one registration, in order, to a server-sent-events client', async () => {
  const ctl = new AbortController();
  const res = await fetch(`${stack.gatewayUrl}/api/v1/events/stream`, { headers: { authorization: `Bearer ${stack.keys.viewer}` }, signal: ctl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const seen: { switch: string; name: string }[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (data) seen.push(JSON.parse(data.slice(6)));
      }
    }
  })().catch(() => undefined);
  await expectEventually(async () => expect(buffered + seen.length).toBeTruthy(), { timeoutMs: 5_000 }); // connected comment read
  expect((await op()('POST', '/switches', { body: { name: 'sse-1', pid: PID, serialNumber: 'SSE00000001', nxosVersion: '9.3(5)' } })).status).toBe(201);
  const idToken = await cssm.token('Default');
  expect((await op()('POST', '/switches/sse-1/license/register?wait=true', { body: { idToken } })).status).toBe(200);
  await expectEventually(async () => {
    const mine = seen.filter((e) => e.switch === 'sse-1').map((e) => e.name);
    expect(mine.slice(0, 2)).toEqual(['SMART_LIC-6-AGENT_REG_SUCCESS', 'SMART_LIC-6-AUTH_RENEW_SUCCESS']);
  }, { timeoutMs: 20_000, intervalMs: 100 });
  ctl.abort();
  await pump;
});
