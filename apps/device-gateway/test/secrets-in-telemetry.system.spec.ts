import { Client } from 'pg';
import { STACK_SERVICES, startStack, type Stack } from '@fleetlic/testing';
import { CLIENT, gateway, licenseServer, SIMULATED_ENV, switchBody } from './support/system-fixture';

// Issue 11: a full registration (and renewals, a deregistration) at the most verbose log level
// with every span written to the trace file; no log line and no span attribute may hold the ID
// token, a switch's private key, an API key or the OAuth client secret.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { ...SIMULATED_ENV, FLEETLIC_LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

/** Distinctive pieces of a PEM body (a key may be logged re-wrapped, so lines, not the whole). */
function pemPieces(pem: string): string[] {
  return pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .map((l) => l.slice(0, 40))
    .filter((l) => l.length >= 24);
}

it('never writes the ID token, private keys, API keys or the client secret to logs or spans', async () => {
  const op = gateway(stack, 'operator');
  const admin = gateway(stack, 'admin');
  const server = licenseServer(stack);
  await server.setUp('Default', 10);
  const token = await server.token('Default');
  const names = ['sec-1', 'sec-2'];
  for (const [i, n] of names.entries()) {
    expect((await op('POST', '/switches', { body: switchBody(n, `SEC0000${i}`) })).status).toBe(201);
    expect((await op('PUT', `/switches/${n}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
    expect((await op('POST', `/switches/${n}/license/register?wait=true`, { body: { idToken: token } })).body.registration.status).toBe('REGISTERED');
  }
  // A refused token too: it travels through the same paths and error messages.
  expect((await op('POST', `/switches/${names[0]}/license/register?wait=true`, { body: { idToken: `${token}x`, force: true } })).status).toBeLessThan(500);
  expect((await op('POST', '/fleet/register', { body: { idToken: token, filter: { names } } })).status).toBe(202);
  expect((await admin('POST', '/clock/advance', { body: { by: 'P200D' } })).status).toBe(200);
  expect((await op('POST', `/switches/${names[1]}/license/deregister?wait=true`)).status).toBe(200);
  expect((await gateway(stack, null)('GET', '/switches')).status).toBe(401);
  await fetch(`${stack.gatewayUrl}/api/v1/switches`, { headers: { authorization: `Bearer ${stack.keys.viewer}x` } });

  const pg = new Client({ connectionString: stack.env.DATABASE_URL });
  await pg.connect();
  const keys = (await pg.query<{ private_key: string }>(`SELECT private_key FROM "${stack.namespace}_agent".switch`)).rows.map((r) => r.private_key);
  await pg.end();
  expect(keys.length).toBeGreaterThan(0);
  const secrets: [string, string][] = [
    ['ID token', token],
    ['client secret', CLIENT.secret],
    ...Object.entries(stack.keys).map(([role, k]) => [`${role} API key`, k] as [string, string]),
    ...keys.flatMap((k, i) => pemPieces(k).map((p) => [`private key ${i}`, p] as [string, string])),
  ];
  const logs = STACK_SERVICES.map((svc) => [svc, stack.logs(svc)] as const);
  const spans = stack.readSpans();
  const spanText = spans.map((s) => JSON.stringify(s));
  const lines = logs.reduce((n, [, l]) => n + l.split('\n').length, 0);
  const hits: string[] = [];
  for (const [what, secret] of secrets) {
    for (const [svc, l] of logs) if (l.includes(secret)) hits.push(`${what} in the log of ${svc}: ${l.split('\n').find((x) => x.includes(secret))?.slice(0, 300)}`);
    const span = spanText.find((s) => s.includes(secret));
    if (span) hits.push(`${what} in a span: ${span.slice(0, 300)}`);
  }
  const debugLines = logs.reduce((n, [, l]) => n + (l.match(/"level":"debug"/g)?.length ?? 0), 0);
  console.log(`[secrets] scanned ${lines} log lines (${debugLines} at debug) and ${spans.length} spans for ${secrets.length} secret strings: ${hits.length} hits`);
  expect(hits).toEqual([]);
});
