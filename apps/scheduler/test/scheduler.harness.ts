import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/nats-core';
import { parseEnv, subjects, type FleetlicEnv } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase, runMigrations, schemaName } from '@fleetlic/persistence';
import { resolveInfra, uniqueNamespace } from '@fleetlic/testing';
import { dataSourceFor } from '../src/persistence/scheduler.data-source';
import { SchedulerModule } from '../src/scheduler.module';
import type { SchedulerOptions } from '../src/scheduler.options';
import { SchedulerRuntime } from '../src/scheduler.runtime';

/** Test support for medium tests: one namespace per file, migrated, with schedulers in-process. */
export async function schedulerEnv(prefix: string, overrides: Record<string, string> = {}): Promise<FleetlicEnv> {
  const infra = await resolveInfra();
  const parsed = parseEnv({ DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, FLEETLIC_NAMESPACE: uniqueNamespace(prefix), ...overrides });
  if (!parsed.ok) throw new Error(parsed.message);
  await ensureDatabase(parsed.env.DATABASE_URL);
  const ds = dataSourceFor(parsed.env);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  return parsed.env;
}

export interface RunningScheduler {
  app: INestApplicationContext;
  runtime: SchedulerRuntime;
  close(): Promise<void>;
}

export async function startScheduler(env: FleetlicEnv, opts: Partial<SchedulerOptions> = {}): Promise<RunningScheduler> {
  const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot(env, opts), { logger: false });
  const runtime = app.get(SchedulerRuntime);
  return { app, runtime, close: () => app.close() };
}

/** A wake as seen on the wire: every publish attempt (core subscribers see duplicates JetStream drops). */
export interface SeenWake {
  subject: string;
  msgId: string;
  time: string;
  at: string;
  key: string;
  receivedAt: number;
}

/** Records every publish on `<ns>.wake.>` through a core subscription. */
export function watchWakes(m: Messaging): { seen: SeenWake[]; sub: Subscription } {
  const seen: SeenWake[] = [];
  const sub = m.nc.subscribe(`${m.namespace}.wake.>`, {
    callback: (_err, msg: Msg) => {
      const body = msg.json<{ at: string; key: string }>();
      seen.push({ subject: msg.subject, msgId: msg.headers?.get('Nats-Msg-Id') ?? '', time: msg.headers?.get('Fleetlic-Time') ?? '', at: body.at, key: body.key, receivedAt: Date.now() });
    },
  });
  return { seen, sub };
}

/** Removes the namespace's streams, KV bucket and schema. */
export async function cleanup(env: FleetlicEnv, m: Messaging): Promise<void> {
  const s = subjects(env.FLEETLIC_NAMESPACE);
  for (const name of [...Object.values(s.streams), `KV_${s.clockBucket}`]) await m.jsm.streams.delete(name).catch(() => undefined);
  const ds = dataSourceFor(env);
  await ds.initialize();
  await ds.query(`DROP SCHEMA IF EXISTS "${schemaName(env.FLEETLIC_NAMESPACE, 'scheduler')}" CASCADE`);
  await ds.destroy();
  await m.close();
}

export const connectTest = (env: FleetlicEnv) => Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'scheduler-test' });

export const iso = (ms: number) => new Date(ms).toISOString();
