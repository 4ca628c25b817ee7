// Entry: applies the licensing agent's committed migrations (`npm run migrate` runs every app's).
import 'reflect-metadata';
import { migrateMain } from '@fleetlic/persistence';
import { dataSourceFor } from './persistence/agent.data-source';

void migrateMain('licensing-agent', dataSourceFor);
