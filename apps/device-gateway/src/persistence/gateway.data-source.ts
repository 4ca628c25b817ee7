import type { FleetlicEnv } from '@fleetlic/contracts';
import { createServiceDataSource, schemaName } from '@fleetlic/persistence';
import type { DataSource } from 'typeorm';
import { FleetSwitchEntity } from './fleet-switch.entity';
import { FleetSwitchTombstoneEntity } from './fleet-switch-tombstone.entity';
import { JobEntity } from './job.entity';
import { CreateJob1767225600000 } from './migrations/1767225600000-create-job';
import { CreateFleetSwitch1767312000000 } from './migrations/1767312000000-create-fleet-switch';
import { CreateFleetSwitchTombstone1767571200000 } from './migrations/1767571200000-create-fleet-switch-tombstone';

/** The gateway's data source, confined to the schema `<ns>_gateway`. */
export function dataSourceFor(env: Pick<FleetlicEnv, 'DATABASE_URL' | 'FLEETLIC_NAMESPACE'>): DataSource {
  return createServiceDataSource({
    databaseUrl: env.DATABASE_URL,
    schema: schemaName(env.FLEETLIC_NAMESPACE, 'gateway'),
    entities: [JobEntity, FleetSwitchEntity, FleetSwitchTombstoneEntity],
    migrations: [CreateJob1767225600000, CreateFleetSwitch1767312000000, CreateFleetSwitchTombstone1767571200000],
    poolSize: 5,
  });
}
