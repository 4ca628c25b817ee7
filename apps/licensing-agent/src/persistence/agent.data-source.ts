import type { DataSource } from 'typeorm';
import type { FleetlicEnv } from '@fleetlic/contracts';
import { createServiceDataSource, OutboxMessage, schemaName } from '@fleetlic/persistence';
import { ProcessedCommandRecord } from './processed-command.entity';
import { SwitchEventRecord } from './switch-event.entity';
import { SwitchRecord } from './switch.entity';
import { AgentSchema1764270000000 } from './migrations/1764270000000-agent-schema';
import { DropStatusIndexes1764356400000 } from './migrations/1764356400000-drop-status-indexes';

export const AGENT_ENTITIES = [SwitchRecord, SwitchEventRecord, ProcessedCommandRecord, OutboxMessage];
export const AGENT_MIGRATIONS = [AgentSchema1764270000000, DropStatusIndexes1764356400000];

/** Headroom over the command concurrency for queries and the outbox relay. */
const EXTRA_CONNECTIONS = 6;

/**
 * The agent's data source in `<ns>_agent`. A command holds its connection (and row lock)
 * across the adapter call, so the pool must be at least the command concurrency.
 */
export function dataSourceFor(env: FleetlicEnv): DataSource {
  return createServiceDataSource({
    databaseUrl: env.DATABASE_URL,
    schema: schemaName(env.FLEETLIC_NAMESPACE, 'agent'),
    entities: AGENT_ENTITIES,
    migrations: AGENT_MIGRATIONS,
    poolSize: env.FLEETLIC_AGENT_CONCURRENCY + EXTRA_CONNECTIONS,
  });
}
