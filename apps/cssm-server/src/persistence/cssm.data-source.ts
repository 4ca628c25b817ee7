import { FleetlicEnv } from '@fleetlic/contracts';
import { createServiceDataSource, schemaName } from '@fleetlic/persistence';
import { DataSource } from 'typeorm';
import { CSSM_ENTITIES, CSSM_MIGRATIONS } from './cssm-entities';

/** The schema of one license server instance: `<ns>_cssm_<instance>`. */
export function cssmSchema(env: Pick<FleetlicEnv, 'FLEETLIC_NAMESPACE' | 'FLEETLIC_CSSM_INSTANCE'>): string {
  return schemaName(env.FLEETLIC_NAMESPACE, `cssm_${env.FLEETLIC_CSSM_INSTANCE}`);
}

export function dataSourceFor(env: Pick<FleetlicEnv, 'DATABASE_URL' | 'FLEETLIC_NAMESPACE' | 'FLEETLIC_CSSM_INSTANCE'>, poolSize = 20): DataSource {
  return createServiceDataSource({
    databaseUrl: env.DATABASE_URL,
    schema: cssmSchema(env),
    entities: CSSM_ENTITIES,
    migrations: CSSM_MIGRATIONS,
    poolSize,
  });
}
