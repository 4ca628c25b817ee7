// Container health check: `node deploy/healthcheck.mjs [service]`, exit 0 when healthy, 1 when not.
// Without an argument it finds the service this container runs from its processes' command lines.
// - device-gateway (and `all`, npm start's demo): GET http://127.0.0.1:$FLEETLIC_GATEWAY_PORT/health
// - cssm-server: GET https://127.0.0.1:$FLEETLIC_CSSM_HTTPS_PORT/health (its own certificate, not verified)
// - licensing-agent, cssm-adapter, scheduler: NATS request `${FLEETLIC_NAMESPACE}.health.<service>`
// - migrate, seed: one-shots, nothing to check
import { readdirSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from '@nats-io/transport-node';

const TIMEOUT_MS = 2000;
const WORKERS = ['licensing-agent', 'cssm-adapter', 'scheduler'];
const env = process.env;

/** The service named by a running process: `dist/apps/<service>/src/main.js`, or `all` for tools/start.mjs. */
function detectService() {
  let found;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (cmdline.includes('tools/start.mjs')) return 'all';
    const match = /dist\/apps\/([a-z-]+)\/src\/(main|migrate|seed-cli)\.js/.exec(cmdline);
    if (match) found = match[2] === 'main' ? match[1] : 'one-shot';
    if (cmdline.includes('tools/migrate.mjs')) found = 'one-shot';
  }
  return found;
}

async function httpHealth(port) {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: globalThis.AbortSignal.timeout(TIMEOUT_MS) });
  return res.ok;
}

function httpsHealth(port) {
  return new Promise((done) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/health', rejectUnauthorized: false, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      done(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => done(false));
    req.end();
  });
}

async function natsHealth(service) {
  const nc = await connect({ servers: env.NATS_URL || 'nats://127.0.0.1:4222', timeout: TIMEOUT_MS, name: `healthcheck-${service}` });
  try {
    await nc.request(`${env.FLEETLIC_NAMESPACE || 'fleetlic'}.health.${service}`, '{}', { timeout: TIMEOUT_MS });
    return true;
  } finally {
    await nc.close();
  }
}

export async function check(service) {
  if (service === 'one-shot' || service === 'migrate' || service === 'seed') return true;
  if (service === 'device-gateway' || service === 'all') return httpHealth(env.FLEETLIC_GATEWAY_PORT || 3000);
  if (service === 'cssm-server') return httpsHealth(Number(env.FLEETLIC_CSSM_HTTPS_PORT || 8443));
  if (WORKERS.includes(service)) return natsHealth(service);
  throw new Error(`unknown service "${service}"`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const service = process.argv[2] || detectService();
  const timer = setTimeout(() => {
    console.error(`${service}: no health answer within ${TIMEOUT_MS} ms`);
    process.exit(1);
  }, TIMEOUT_MS + 500);
  try {
    if (!service) throw new Error('no fleetlic service found in this container');
    const healthy = await check(service);
    if (!healthy) console.error(`${service}: unhealthy`);
    process.exit(healthy ? 0 : 1);
  } catch (error) {
    console.error(`${service ?? 'healthcheck'}: ${error.message}`);
    process.exit(1);
  } finally {
    clearTimeout(timer);
  }
}
