import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { AccountDirectory } from './account-directory.service';
import { licensesBody } from './account-api.schemas';
import { LicenseReportService } from './license-report.service';

/** `POST /v1/accounts/{domain}/licenses`: license usage per VA, in Cisco's shape. */
@Controller('services/api/smart-accounts-and-licensing/v1/accounts')
@UseGuards(BearerGuard)
export class LicensesController {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly report: LicenseReportService,
  ) {}

  @Post(':domain/licenses')
  @HttpCode(200)
  async licenses(@Param('domain') domain: string, @Body() body: unknown) {
    const input = parseInput(licensesBody, body);
    const account = await this.directory.account(domain);
    const vas = input.virtualAccounts?.length
      ? await Promise.all(input.virtualAccounts.map((name) => this.directory.virtualAccount(domain, name)))
      : await this.directory.virtualAccounts(account);
    const records = [];
    for (const va of vas) {
      for (const pool of await this.report.pools(va)) records.push(LicenseReportService.licenseRecord(va, pool));
    }
    return {
      status: 'SUCCESS',
      totalRecords: records.length,
      accountName: account.name,
      accountDomain: account.domain,
      licenses: records.slice(input.offset, input.offset + input.limit),
    };
  }
}
