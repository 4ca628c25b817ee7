import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { HEADERS } from '@fleetlic/contracts';
import { Response } from 'express';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { NetworkSyncService } from './network-sync.service';
import { accountQuery, optionalAccountQuery } from './onprem-accounts.schemas';
import { SyncFileProcessor } from './sync-file.processor';
import { SyncRequestBuilder } from './sync-request.builder';
import { SyncResponseImporter } from './sync-response.importer';

/** A sync file as a download: YAML, with the file name the operator keeps (method 4). */
function sendFile(res: Response, fileName: string, yaml: string): string {
  res.setHeader('content-type', 'application/yaml; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  return yaml;
}

/**
 * On-Prem synchronisation (SPEC §10 methods 3 and 4): the request file from the On-Prem server,
 * its import on the cloud (which answers with the response file), the response's import on the
 * On-Prem server, and network sync on demand. Each route exists in one mode only.
 */
@Controller('admin/api/v1/sync')
@UseGuards(BearerGuard)
export class SyncController {
  constructor(
    private readonly builder: SyncRequestBuilder,
    private readonly processor: SyncFileProcessor,
    private readonly importer: SyncResponseImporter,
    private readonly network: NetworkSyncService,
  ) {}

  @Get('request')
  async request(@Query() query: unknown, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { account } = parseInput(accountQuery, query, 'query');
    const file = await this.builder.build(account);
    return sendFile(res, file.fileName, file.yaml);
  }

  /** Body: the request file (application/yaml, text/yaml, application/x-yaml or JSON); `account`: the On-Prem account it is uploaded for. */
  @Post('file')
  @HttpCode(200)
  async file(@Body() body: unknown, @Query() query: unknown, @Res({ passthrough: true }) res: Response, @Headers(HEADERS.time.toLowerCase()) time?: string): Promise<string> {
    const { account } = parseInput(optionalAccountQuery, query, 'query');
    const headerTime = time ? Date.parse(time) : NaN;
    const answer = await this.processor.process(body, account, Number.isFinite(headerTime) ? headerTime : undefined);
    return sendFile(res, answer.fileName, answer.yaml);
  }

  @Post('response')
  @HttpCode(200)
  async response(@Body() body: unknown, @Query() query: unknown) {
    const { account } = parseInput(optionalAccountQuery, query, 'query');
    return this.importer.import(body, account);
  }

  @Post('now')
  @HttpCode(200)
  async now(@Query() query: unknown) {
    const { account } = parseInput(accountQuery, query, 'query');
    return this.network.syncNow(account);
  }
}
