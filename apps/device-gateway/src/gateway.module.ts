import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { Clock } from '@fleetlic/clock';
import type { Messaging } from '@fleetlic/messaging';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ClockController } from './clock/clock.controller';
import { ClockService } from './clock/clock.service';
import { GATEWAY_ENV, type GatewayEnv } from './config/gateway-env';
import { DiagnoseController } from './diagnose/diagnose.controller';
import { ErrorFilter } from './errors/error.filter';
import { FLEET_CONTROLLERS, FLEET_PROVIDERS } from './fleet/fleet.module';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ImportController } from './imports/import.controller';
import { JobStore } from './jobs/job-store';
import { JobsController } from './jobs/jobs.controller';
import { LicenseController } from './license/license.controller';
import { AgentClient } from './nats/agent-client';
import { CLOCK, DATA_SOURCE, MESSAGING } from './nats/tokens';
import { SwitchConfigController } from './switches/switch-config.controller';
import { SwitchReadsController } from './switches/switch-reads.controller';
import { SwitchesController } from './switches/switches.controller';

export interface GatewayResources {
  env: GatewayEnv;
  messaging: Messaging;
  clock: Clock;
  /** Null where no database is wanted (jobs then stay in this replica's memory). */
  dataSource: DataSource | null;
}

/**
 * The HTTP API of API.md §1. Connections are opened by main.ts before Nest starts, so that a
 * dependency that is down is reported in one line instead of a stack of injector errors.
 */
@Module({})
export class GatewayModule {
  static forRoot(resources: GatewayResources): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        HealthController,
        MetricsController,
        ImportController,
        SwitchesController,
        SwitchConfigController,
        SwitchReadsController,
        LicenseController,
        DiagnoseController,
        ClockController,
        JobsController,
        ...FLEET_CONTROLLERS,
      ],
      providers: [
        { provide: GATEWAY_ENV, useValue: resources.env },
        { provide: MESSAGING, useValue: resources.messaging },
        { provide: CLOCK, useValue: resources.clock },
        { provide: DATA_SOURCE, useValue: resources.dataSource },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        AgentClient,
        ClockService,
        JobStore,
        ...FLEET_PROVIDERS,
      ],
    };
  }
}
