// Entry: applies the device-gateway's migrations to `<ns>_gateway` (run by tools/migrate.mjs and npm start).
import { migrateMain } from '@fleetlic/persistence';
import { dataSourceFor } from './persistence/gateway.data-source';

void migrateMain('device-gateway', dataSourceFor);
