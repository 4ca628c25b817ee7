import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import type { Clock } from '@fleetlic/clock';
import { jsonSchemaOf } from '../docs/json-schema';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { parseInput } from '../http/parse-input';
import { CLOCK, DATA_SOURCE } from '../nats/tokens';
import { FleetRegisterRunner } from './fleet-register.runner';
import { fleetRegisterSchema } from './fleet-inputs';
import { FleetStateCache } from './fleet-state.cache';
import { fleetCounts, type FleetCounts } from './fleet-summary.query';
import { PoolBalanceClient, type PoolBalances } from './pool-balance.client';

/** The fleet at a glance and bulk registration (API.md §1 `/fleet/…`), from the projection. */
@ApiTags('fleet')
@Controller('fleet')
export class FleetController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource | null,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly states: FleetStateCache,
    private readonly pools: PoolBalanceClient,
    private readonly register: FleetRegisterRunner,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary: 'Counts by registration and authorization status, communication deadlines / certificate expiries / evaluation ends within 7 and 30 days (and the next ones), failures by reason, license pools per virtual account',
  })
  @ApiResponse({ status: 200, description: '{ at, total, registration, authorization, upcoming, failures, pools }; pools is { available: false, reason } when the license server cannot be read' })
  async summary(): Promise<FleetCounts & { pools: PoolBalances }> {
    const ds = this.requireDatabase();
    // The shared clock (simulated or real): "within 7 days" means of the system's now.
    const now = this.clock.now();
    const [counts, pools] = await Promise.all([this.states.counts().then((states) => fleetCounts(ds, now, states)), this.pools.balances()]);
    return { ...counts, pools };
  }

  @Post('register')
  @HttpCode(202)
  @ApiOperation({ summary: 'Register every matching switch with one ID token, as a job (GET /jobs/{jobId}); a failure does not stop the rest' })
  @ApiBody({ schema: jsonSchemaOf(fleetRegisterSchema) })
  @ApiResponse({ status: 202, description: '{ jobId }' })
  registerFleet(@Body() body: unknown): { jobId: string } {
    this.requireDatabase();
    return { jobId: this.register.start(parseInput(fleetRegisterSchema, body)) };
  }

  private requireDatabase(): DataSource {
    if (!this.ds) throw new GatewayError(GatewayErrorCode.Unavailable, 'the fleet projection needs the gateway database');
    return this.ds;
  }
}
