import { Module, type DynamicModule } from '@nestjs/common';
import { createOwnedClock, type Clock } from '@fleetlic/clock';
import type { FleetlicEnv } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { schemaName } from '@fleetlic/persistence';
import type { DataSource } from 'typeorm';
import { dataSourceFor } from './persistence/scheduler.data-source';
import { SchedulerError, SchedulerErrorCode } from './scheduler.error';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler.options';
import { SchedulerRuntime } from './scheduler.runtime';

export const MESSAGING = Symbol('MESSAGING');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const CLOCK = Symbol('CLOCK');

/** The scheduler worker: no HTTP, only NATS and PostgreSQL. */
@Module({})
export class SchedulerModule {
  static forRoot(env: FleetlicEnv, options: Partial<SchedulerOptions> = {}): DynamicModule {
    const opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    return {
      module: SchedulerModule,
      providers: [
        {
          provide: MESSAGING,
          useFactory: async () => {
            const m = await Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'scheduler' });
            await m.ensureStreams();
            return m;
          },
        },
        { provide: DATA_SOURCE, useFactory: () => openDataSource(env) },
        { provide: CLOCK, inject: [MESSAGING], useFactory: (m: Messaging) => createOwnedClock(env, m.nc, { holder: opts.holder, leaseTtlMs: opts.leaseTtlMs }) },
        {
          provide: SchedulerRuntime,
          inject: [MESSAGING, DATA_SOURCE, CLOCK],
          useFactory: (m: Messaging, ds: DataSource, clock: Clock) => SchedulerRuntime.create(env, m, ds, clock, opts),
        },
      ],
      exports: [SchedulerRuntime],
    };
  }
}

/**
 * Opens the schema and refuses to run on one the committed migrations have not reached. Read
 * only: TypeORM's showMigrations() would create the migrations table as a side effect.
 */
async function openDataSource(env: FleetlicEnv): Promise<DataSource> {
  const ds = dataSourceFor(env);
  await ds.initialize();
  const schema = schemaName(env.FLEETLIC_NAMESPACE, 'scheduler');
  const [{ t }] = await ds.query(`SELECT to_regclass($1) AS t`, [`"${schema}".migrations`]);
  const applied = new Set<string>(t ? (await ds.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name) : []);
  const missing = ds.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !applied.has(n));
  if (missing.length) {
    await ds.destroy();
    throw new SchedulerError(SchedulerErrorCode.Startup, `schema ${schema} lacks migrations ${missing.join(', ')}: run \`npm run migrate\` (or node dist/apps/scheduler/src/migrate.js) first`);
  }
  return ds;
}
