import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { parseIsoDuration } from '@fleetlic/clock';
import { RequireRole } from '../auth/roles.decorator';
import { jsonSchemaOf } from '../docs/json-schema';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { parseInput } from '../http/parse-input';
import { ClockService } from './clock.service';

const isoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'an ISO 8601 duration such as P30D, PT6H or P1Y');
const advanceSchema = z.union([z.object({ by: isoDuration }).strict(), z.object({ to: z.iso.datetime({ offset: true }) }).strict()]);

@ApiTags('clock')
@Controller('clock')
export class ClockController {
  constructor(private readonly clock: ClockService) {}

  @Get()
  @ApiOperation({ summary: 'The mode and the current instant' })
  @ApiResponse({ status: 200, description: '{ mode: "real" | "simulated", now }' })
  state() {
    return this.clock.state();
  }

  @Post('advance')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Advance the simulated clock (a month is 30 days, a year 365), running every wake-up up to and including the target' })
  @ApiBody({ schema: jsonSchemaOf(advanceSchema) })
  @ApiQuery({ name: 'wait', required: false, description: 'false: 202 { jobId } at once; the job counts simulated seconds' })
  @ApiResponse({ status: 200, description: '{ now } once the system is quiet at the target' })
  @ApiResponse({ status: 409, description: 'the clock is real' })
  @ApiResponse({ status: 422, description: 'the target is in the past' })
  async advance(@Body() body: unknown, @Query('wait') wait: string | undefined, @Res() res: Response): Promise<void> {
    const input = parseInput(advanceSchema, body);
    const current = Date.parse((await this.clock.state()).now);
    const requested = 'by' in input ? current + parseIsoDuration(input.by) : Date.parse(input.to);
    if (!Number.isFinite(requested)) throw new GatewayError(GatewayErrorCode.Validation, 'the target instant cannot be read');
    const { from, to } = await this.clock.target(requested);
    if (wait === 'false' || wait === '0') {
      res.status(202).json({ jobId: this.clock.startAdvanceJob(from, to) });
      return;
    }
    res.status(200).json(await this.clock.advance(to));
  }
}
