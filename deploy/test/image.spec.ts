// deploy/Dockerfile, .dockerignore, deploy/entrypoint.sh and deploy/healthcheck.mjs, without a
// Docker engine: the build's shape, that everything it copies exists and is not ignored, that the
// runtime code needs only production dependencies (what `npm ci --omit=dev` installs), and that
// the entry point and health check behave.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { path, readText, SERVICES } from './deploy-files';

type Instruction = { op: string; args: string };
function dockerfile(): { args: Record<string, string>; stages: { from: string; name?: string; steps: Instruction[] }[] } {
  const lines = readText('deploy/Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: { from: string; name?: string; steps: Instruction[] }[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\S+)\s+(.*)$/.exec(line)!;
    const upper = op.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [k, v] = rest.split('=');
      args[k] = v;
    } else if (upper === 'FROM') {
      const [image, , name] = rest.split(/\s+/);
      stages.push({ from: image.replace(/\$\{(\w+)\}/g, (_m, k) => args[k]), name, steps: [] });
    } else stages.at(-1)!.steps.push({ op: upper, args: rest });
  }
  return { args, stages };
}

const escape = (s: string) => s.replace(/[.+^$()|[\]{}?\\]/g, '\\$&');
const globToRegExp = (glob: string) =>
  glob
    .split('**/')
    .map((a) => a.split('**').map((b) => b.split('*').map(escape).join('[^/]*')).join('.*'))
    .join('(.*/)?');

/** A .dockerignore matcher good enough for its plain patterns (dir names, globs with * and **). */
function ignored(file: string): boolean {
  const patterns = readText('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return patterns.some((p) => {
    const re = new RegExp(`^${globToRegExp(p.replace(/\/$/, ''))}(/.*)?$`);
    return re.test(file) || (!p.includes('/') && file.split('/').some((part) => re.test(part)));
  });
}

const { stages } = dockerfile();
const runtime = stages.at(-1)!;
const build = stages[0];
const runs = (stage: typeof runtime) => stage.steps.filter((s) => s.op === 'RUN').map((s) => s.args);

describe('deploy/Dockerfile', () => {
  it('builds on Node 24 slim (Debian bookworm), pinned to an exact release, in two stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:24\.\d+\.\d+-bookworm-slim$/);
    const nvmrc = readText('.nvmrc').trim();
    expect(stages[0].from.startsWith(`node:${nvmrc}.`)).toBe(true);
  });

  it('compiles in the build stage with the dev dependencies', () => {
    expect(runs(build).some((r) => /^npm ci\b/.test(r) && !r.includes('--omit=dev'))).toBe(true);
    expect(runs(build)).toContain('npm run build');
  });

  it('installs only production dependencies in the runtime stage and copies the compiled code', () => {
    expect(runs(runtime).some((r) => r.startsWith('npm ci --omit=dev'))).toBe(true);
    const copies = runtime.steps.filter((s) => s.op === 'COPY').map((s) => s.args);
    expect(copies).toContain(`--from=${build.name} /app/dist ./dist`);
    expect(runtime.steps.some((s) => s.op === 'ENV' && s.args.includes('NODE_ENV=production'))).toBe(true);
  });

  it('runs as a non-root user, with a health check and the entry point script', () => {
    const user = runtime.steps.filter((s) => s.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(runtime.steps.find((s) => s.op === 'HEALTHCHECK')?.args).toContain('deploy/healthcheck.mjs');
    expect(JSON.parse(runtime.steps.find((s) => s.op === 'ENTRYPOINT')!.args)).toEqual(['/bin/sh', 'deploy/entrypoint.sh']);
    const exposed = runtime.steps.find((s) => s.op === 'EXPOSE')!.args.split(/\s+/);
    expect(exposed).toEqual(expect.arrayContaining(['3000', '8443', '8080']));
  });

  it('copies only files that exist and that .dockerignore lets in', () => {
    const sources = stages.flatMap((s) => s.steps.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(path(source)), source).toBe(true);
      expect(ignored(source), `${source} is excluded by .dockerignore`).toBe(false);
    }
    for (const f of ['node_modules', 'dist', '.git', '.fleetlic', 'apps/x/src/y.spec.ts', 'coverage']) expect(ignored(f), f).toBe(true);
  });
});

/** Bare package names that runtime code requires (type-only imports are erased by SWC). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^\s*import\s+type\s[^;]+;/gm, '').replace(/^\s*export\s+type\s[^;]+;/gm, '');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('@fleetlic/'));
}
function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'test') continue;
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|mjs|js)$/.test(name) && !/\.(spec|test)\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

describe('the runtime image contents', () => {
  it('need only production dependencies (npm ci --omit=dev) and Node built-ins', () => {
    const pkg = JSON.parse(readText('package.json'));
    const files = [
      ...readdirSync(path('apps')).flatMap((a) => sourceFiles(path('apps', a, 'src'))),
      ...readdirSync(path('libs')).filter((l) => l !== 'testing').flatMap((l) => sourceFiles(path('libs', l, 'src'))),
      path('tools/start.mjs'),
      path('tools/migrate.mjs'),
      path('deploy/healthcheck.mjs'),
    ];
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    const builtins = new Set(builtinModules);
    const missing = files.flatMap((f) =>
      runtimeImports(f)
        .filter((s) => !s.startsWith('node:') && !builtins.has(packageOf(s)) && !(packageOf(s) in pkg.dependencies))
        .map((s) => `${f.slice(path('.').length + 1)}: ${s}`),
    );
    expect(missing).toEqual([]);
  });

  it('has an entry point for every service that tools/start.mjs starts and every migration of tools/migrate.mjs', () => {
    const entry = readText('deploy/entrypoint.sh');
    const started = JSON.parse(/const SERVICES = (\[[^\]]+\])/.exec(readText('tools/start.mjs'))![1].replace(/'/g, '"'));
    expect([...started].sort()).toEqual([...SERVICES].sort());
    for (const service of SERVICES) expect(entry).toMatch(new RegExp(`[|)\\s]${service}[|)]`));
    expect(entry).toContain('dist/apps/$cmd/src/main.js');
    expect(entry).toContain('./dist/libs/telemetry/src/preload.js');
    expect(entry).toContain('--max-semi-space-size=8');
    for (const service of SERVICES) expect(existsSync(path('apps', service)), service).toBe(true);
  });
});

describe('deploy/entrypoint.sh', () => {
  it('is valid sh and refuses an unknown command', () => {
    execFileSync('sh', ['-n', path('deploy/entrypoint.sh')]);
    const run = spawnSync('sh', [path('deploy/entrypoint.sh'), 'no-such-service'], { encoding: 'utf8' });
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('usage');
  });
});

describe('deploy/healthcheck.mjs', () => {
  let server: Server;
  let status = 200;
  const saved = process.env.FLEETLIC_GATEWAY_PORT;
  beforeAll(async () => {
    server = createServer((req, res) => res.writeHead(req.url === '/health' ? status : 404).end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.FLEETLIC_GATEWAY_PORT = String((server.address() as { port: number }).port);
  });
  afterAll(async () => {
    process.env.FLEETLIC_GATEWAY_PORT = saved;
    if (saved === undefined) delete process.env.FLEETLIC_GATEWAY_PORT;
    await new Promise((r) => server.close(r));
  });

  it("answers from the gateway's /health", async () => {
    const { check } = await import('../healthcheck.mjs');
    status = 200;
    expect(await check('device-gateway')).toBe(true);
    status = 503;
    expect(await check('device-gateway')).toBe(false);
    expect(await check('migrate')).toBe(true);
    await expect(check('nonsense')).rejects.toThrow(/unknown service/);
  });

  it('exits 1 for a worker no one answers for', () => {
    const run = spawnSync(process.execPath, [path('deploy/healthcheck.mjs'), 'scheduler'], {
      encoding: 'utf8',
      env: { ...process.env, NATS_URL: 'nats://127.0.0.1:1', FLEETLIC_NAMESPACE: 'nobody' },
      timeout: 10_000,
    });
    expect(run.status).toBe(1);
  });
});
