import { DataSource, EntitySchema, MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  databaseUrl: string;
  /** The service's own schema, e.g. schemaName(ns, 'agent'). */
  schema: string;
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: MixedList<string | (new () => unknown)>;
  poolSize?: number;
}

/**
 * A TypeORM data source confined to one service schema. `search_path` is set on every
 * connection, so migrations are written with unqualified table names and serve any namespace;
 * `synchronize` is off: the schema only changes through committed migrations.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
      application_name: options.schema,
    },
  });
}
