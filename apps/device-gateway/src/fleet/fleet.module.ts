import type { Provider, Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EventsStreamController } from '../events-stream/events-stream.controller';
import { CommandBatchSender } from '../import/command-batch.sender';
import { ImportRunner } from '../import/import.runner';
import { FleetMetrics } from '../metrics/fleet-metrics';
import { DATA_SOURCE } from '../nats/tokens';
import { FleetController } from './fleet.controller';
import { FleetProjectionConsumer } from './fleet-projection.consumer';
import { FleetProjectionRepository } from './fleet-projection.repository';
import { FleetReadRepository } from './fleet-read.repository';
import { FleetRegisterRunner } from './fleet-register.runner';
import { FleetStateCache } from './fleet-state.cache';
import { PoolBalanceClient } from './pool-balance.client';

/**
 * Fleet operations (issue 7): projection, summary, bulk import and registration, event stream,
 * metrics. Listed into GatewayModule rather than a module of their own because they share its
 * providers (JobStore's in-memory jobs, AgentClient) and Nest modules cannot see a parent's.
 */
export const FLEET_CONTROLLERS: Type[] = [FleetController, EventsStreamController];

// The repositories are plain classes over the data source (the medium tests build them directly).
// Without a database (DataSource null) they fail on use, and the routes answer 503.
const repository = <T>(cls: new (ds: DataSource) => T): Provider => ({ provide: cls, useFactory: (ds: DataSource) => new cls(ds), inject: [DATA_SOURCE] });

export const FLEET_PROVIDERS: Provider[] = [
  repository(FleetProjectionRepository),
  repository(FleetReadRepository),
  FleetStateCache,
  FleetMetrics,
  FleetProjectionConsumer,
  PoolBalanceClient,
  CommandBatchSender,
  ImportRunner,
  FleetRegisterRunner,
];
