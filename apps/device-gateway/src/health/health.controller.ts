import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Messaging } from '@fleetlic/messaging';
import { Public } from '../auth/roles.decorator';
import { DATA_SOURCE, MESSAGING } from '../nats/tokens';

/** Liveness and readiness in one: ok only when NATS and PostgreSQL answer. Open to everyone. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource | null,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Health of the gateway and its connections' })
  @ApiResponse({ status: 200, description: '{ status: "ok", nats, database }' })
  @ApiResponse({ status: 503, description: 'a dependency does not answer' })
  async health(@Res() res: Response): Promise<void> {
    const nats = this.messaging.nc.isClosed() ? 'closed' : 'ok';
    let database = 'not used';
    if (this.dataSource) database = await this.dataSource.query('SELECT 1').then(() => 'ok', () => 'unreachable');
    const ok = nats === 'ok' && database !== 'unreachable';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', nats, database });
  }
}
