import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FleetlicEnv } from '@fleetlic/contracts';
import { createClock } from '@fleetlic/clock';
import { Messaging, OutboxRelay } from '@fleetlic/messaging';
import { schemaName } from '@fleetlic/persistence';
import { AgentError, AgentErrorCode } from './agent-error';
import { AGENT_ENV, CLOCK, DATA_SOURCE, MESSAGING, OUTBOX_RELAY } from './agent.tokens';
import { AgentWorkers } from './agent-workers.service';
import { CommandHandler } from './commands/command.handler';
import { SwitchCreator } from './commands/switch.creator';
import { dataSourceFor } from './persistence/agent.data-source';
import { QueryHandler } from './queries/query.handler';

/**
 * Refuses to run on a schema that misses committed migrations (checked before Nest builds
 * anything, so the operator gets one line telling what to do).
 */
export async function assertMigrated(env: FleetlicEnv): Promise<void> {
  const schema = schemaName(env.FLEETLIC_NAMESPACE, 'agent');
  const ds = dataSourceFor(env);
  await ds.initialize();
  try {
    const [{ present }] = await ds.query('SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1) AS present', [schema]);
    if (!present || (await ds.showMigrations())) {
      throw new AgentError(AgentErrorCode.MigrationsPending, `the database schema ${schema} is not up to date: run \`npm run migrate\``);
    }
  } finally {
    await ds.destroy();
  }
}

async function openDataSource(env: FleetlicEnv): Promise<DataSource> {
  const ds = dataSourceFor(env);
  await ds.initialize();
  return ds;
}

/** The licensing agent: a worker without HTTP (commands, wakes, queries over NATS). */
@Module({})
export class AgentModule {
  /** `messaging` is connected by the caller, so a NATS failure is reported before Nest starts. */
  static forEnv(env: FleetlicEnv, messaging: Messaging): DynamicModule {
    return {
      module: AgentModule,
      providers: [
        { provide: AGENT_ENV, useValue: env },
        { provide: MESSAGING, useValue: messaging },
        { provide: DATA_SOURCE, useFactory: () => openDataSource(env) },
        { provide: CLOCK, useFactory: (m: Messaging) => createClock(env, m.nc), inject: [MESSAGING] },
        { provide: OUTBOX_RELAY, useFactory: (m: Messaging, ds: DataSource) => new OutboxRelay({ messaging: m, dataSource: ds }), inject: [MESSAGING, DATA_SOURCE] },
        SwitchCreator,
        CommandHandler,
        QueryHandler,
        AgentWorkers,
      ],
    };
  }
}
