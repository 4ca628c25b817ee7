// Entry: applies the scheduler's migrations to `<ns>_scheduler` (run by tools/migrate.mjs and npm start).
import { migrateMain } from '@fleetlic/persistence';
import { dataSourceFor } from './persistence/scheduler.data-source';

void migrateMain('scheduler', dataSourceFor);
