import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { jsonSchemaOf } from '../docs/json-schema';
import { ImportRunner } from '../import/import.runner';
import { createSwitchSchema } from '../switches/switch-inputs';
import { importRows } from './import-parser';

/** Bulk creation of switches as a job (`GET /jobs/{id}`); the body may be up to 50 MB. */
@ApiTags('switches')
@Controller()
export class ImportController {
  constructor(private readonly runner: ImportRunner) {}

  @Post('switches\\:import')
  @HttpCode(202)
  @ApiOperation({ summary: 'Import switches: a JSON array of POST /switches bodies, or text/csv with header name,pid,serialNumber,nxosVersion' })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ schema: { type: 'array', items: jsonSchemaOf(createSwitchSchema) } })
  @ApiResponse({ status: 202, description: '{ jobId }' })
  importSwitches(@Body() body: unknown, @Headers('content-type') type = ''): { jobId: string } {
    // Every row is validated before any is sent, then the good ones are created in batches (ImportRunner).
    return { jobId: this.runner.start(importRows(body, type)) };
  }
}
