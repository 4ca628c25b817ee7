export * from './logger';
export * from './redact';
export * from './trace-ids';
export * from './with-span';
export * from './metrics';
export * from './file-span-exporter';
export * from './trace-exporters';
