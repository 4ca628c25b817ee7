export * from './schema-name';
export * from './ensure-database';
export * from './service-data-source';
export * from './migrations';
export * from './outbox-message.entity';
export * from './migrate-main';
