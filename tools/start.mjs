// `npm start`: every service plus the built-in license server, a demo account, and what to try
// next. Ctrl-C stops everything cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { migrateAll } from './migrate.mjs';

const root = resolve(import.meta.dirname, '..');
const env = { ...process.env };
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/fleetlic';
env.NATS_URL ??= 'nats://127.0.0.1:4222';
env.FLEETLIC_NAMESPACE ??= 'fleetlic';
env.FLEETLIC_GATEWAY_PORT ??= '3000';
env.FLEETLIC_CSSM_HTTPS_PORT ??= '8443';
env.FLEETLIC_CSSM_URL ??= `https://127.0.0.1:${env.FLEETLIC_CSSM_HTTPS_PORT}`;
env.FLEETLIC_STATE_DIR ??= join(root, '.fleetlic');
const ns = env.FLEETLIC_NAMESPACE;

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || defaultPort), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
    socket.once('timeout', () => (socket.destroy(), done(false)));
  });
}

async function preflight() {
  const pg = new URL(env.DATABASE_URL);
  if (!(await reachable(env.DATABASE_URL, 5432))) {
    console.error(`PostgreSQL is not reachable at ${pg.hostname}:${pg.port || 5432} (DATABASE_URL).`);
    console.error(`Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   or   docker compose up -d postgres`);
    process.exit(1);
  }
  const nats = new URL(env.NATS_URL.replace(/^nats:/, 'http:'));
  if (!(await reachable(nats.toString(), 4222))) {
    console.error(`NATS is not reachable at ${nats.hostname}:${nats.port || 4222} (NATS_URL).`);
    console.error(`Start it with JetStream: nats-server -js   or   docker compose up -d nats`);
    process.exit(1);
  }
}

// The generated secrets live in .fleetlic/<namespace>.json (git-ignored), read by the CLI.
function loadState() {
  mkdirSync(env.FLEETLIC_STATE_DIR, { recursive: true });
  const file = join(env.FLEETLIC_STATE_DIR, `${ns}.json`);
  const state = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return { file, state };
}

function seed(state) {
  const run = spawnSync(process.execPath, [join(root, 'dist/apps/cssm-server/src/seed-cli.js')], { env, cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stderr.trim() || 'seeding the license server failed');
    process.exit(1);
  }
  const seeded = JSON.parse(run.stdout.trim().split('\n').pop());
  // A second start finds the account already there and returns no new secret: keep the saved ones.
  return { ...state, ...Object.fromEntries(Object.entries(seeded).filter(([, v]) => v)) };
}

const SERVICES = ['cssm-server', 'cssm-adapter', 'licensing-agent', 'scheduler', 'device-gateway'];
const children = [];

async function main() {
  await preflight();
  migrateAll(env);
  let { file, state } = loadState();
  state.apiKey ??= `fl_${randomBytes(18).toString('base64url')}`;
  state = seed(state);
  state.caCertificate = join(env.FLEETLIC_STATE_DIR, `${ns}-cloud-ca-current.pem`);
  state.gatewayUrl = `http://127.0.0.1:${env.FLEETLIC_GATEWAY_PORT}`;
  state.cssmUrl = env.FLEETLIC_CSSM_URL;
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  env.FLEETLIC_API_KEYS ??= `admin:${state.apiKey}`;
  env.FLEETLIC_CSSM_CLIENT_ID ??= state.clientId;
  env.FLEETLIC_CSSM_CLIENT_SECRET ??= state.clientSecret;

  for (const service of SERVICES) {
    const child = spawn(process.execPath, ['--max-semi-space-size=8', '--enable-source-maps', '--require', join(root, 'dist/libs/telemetry/src/preload.js'), join(root, 'dist/apps', service, 'src/main.js')], {
      env: { ...env, OTEL_SERVICE_NAME: service },
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${service} exited (${signal ?? code}); stopping everything`);
        stop(1);
      }
    });
    children.push(child);
  }
  await waitForGateway();
  const key = state.apiKey;
  console.log(`
fleetlic is running (namespace ${ns}, clock ${env.FLEETLIC_CLOCK ?? 'real'})
  gateway     ${state.gatewayUrl}/api/v1     API docs ${state.gatewayUrl}/docs
  API key     ${env.FLEETLIC_API_KEYS.includes(key) ? key : '(from FLEETLIC_API_KEYS)'}   (saved in ${file})
  license server ${env.FLEETLIC_CSSM_URL}  demo client ${state.clientId}  ID token ${state.idToken}

Try:
  npx fleetlic switch add leaf-101 --pid N9K-C93180YC-FX --serial FDO12345678 --version "10.2(3)F"
  npx fleetlic -s leaf-101 license smart register idtoken ${state.idToken}
  npx fleetlic -s leaf-101 show license status

Ctrl-C stops everything.`);
}

async function waitForGateway() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${env.FLEETLIC_GATEWAY_PORT}/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  console.error('the gateway did not become healthy within 60 s');
  stop(1);
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 8000);
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => {
    clearTimeout(force);
    process.exit(code);
  });
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

main().catch((error) => {
  console.error(error.message);
  stop(1);
});
