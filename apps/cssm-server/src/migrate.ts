import { migrateMain } from '@fleetlic/persistence';
import { dataSourceFor } from './persistence/cssm.data-source';

void migrateMain('cssm-server', (env) => dataSourceFor(env, 2));
