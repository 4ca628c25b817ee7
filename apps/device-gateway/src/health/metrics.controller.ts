import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createPrometheusHandler } from '@fleetlic/telemetry';
import { Public } from '../auth/roles.decorator';

/** Prometheus metrics of this process, as a Nest route so that `/docs` describes it too. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly handler = createPrometheusHandler();

  @Get()
  @Public()
  @ApiOperation({ summary: 'Metrics in Prometheus text format' })
  @ApiProduces('text/plain')
  metrics(@Req() req: Request, @Res() res: Response): void {
    this.handler(req, res);
  }
}
