import type { FleetlicEnv } from '@fleetlic/contracts';
import { createServiceDataSource, schemaName } from '@fleetlic/persistence';
import type { DataSource } from 'typeorm';
import { WakeupEntity } from './wakeup.entity';
import { CreateWakeup1767225600000 } from './migrations/1767225600000-create-wakeup';

/** The scheduler's data source, confined to the schema `<ns>_scheduler`. */
export function dataSourceFor(env: Pick<FleetlicEnv, 'DATABASE_URL' | 'FLEETLIC_NAMESPACE'>): DataSource {
  return createServiceDataSource({
    databaseUrl: env.DATABASE_URL,
    schema: schemaName(env.FLEETLIC_NAMESPACE, 'scheduler'),
    entities: [WakeupEntity],
    migrations: [CreateWakeup1767225600000],
    poolSize: 8,
  });
}
