import { dockerAvailable } from './docker-available';

export interface Infra {
  databaseUrl: string;
  natsUrl: string;
  /** Where the URLs came from, for test logs. */
  source: 'env' | 'testcontainers' | 'defaults';
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/fleetlic';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

let cached: Promise<Infra> | undefined;

/**
 * PostgreSQL and NATS for tests: DATABASE_URL / NATS_URL when given; otherwise containers when a
 * Docker engine answers (started once per test process, reaped by testcontainers' Ryuk);
 * otherwise the local defaults of API.md §4.
 */
export function resolveInfra(env: NodeJS.ProcessEnv = process.env): Promise<Infra> {
  cached ??= resolve(env);
  return cached;
}

/** design.md's name for resolveInfra. */
export const startInfra = resolveInfra;

async function resolve(env: NodeJS.ProcessEnv): Promise<Infra> {
  if (env.DATABASE_URL && env.NATS_URL) return { databaseUrl: env.DATABASE_URL, natsUrl: env.NATS_URL, source: 'env' };
  if (await dockerAvailable(env)) {
    const [databaseUrl, natsUrl] = await Promise.all([env.DATABASE_URL ?? startPostgres(), env.NATS_URL ?? startNats()]);
    return { databaseUrl, natsUrl, source: 'testcontainers' };
  }
  return { databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL, natsUrl: env.NATS_URL ?? DEFAULT_NATS_URL, source: 'defaults' };
}

// Imported lazily: testcontainers is heavy and useless without Docker.
async function startPostgres(): Promise<string> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const pg = await new PostgreSqlContainer('postgres:16-alpine').withDatabase('fleetlic').withUsername('postgres').withPassword('postgres').start();
  return pg.getConnectionUri();
}

async function startNats(): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const nats = await new GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).withWaitStrategy(Wait.forLogMessage(/Server is ready/)).start();
  return `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`;
}
