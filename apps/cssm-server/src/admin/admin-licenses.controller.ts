import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AccountDirectory } from '../account-api/account-directory.service';
import { LicenseReportService } from '../account-api/license-report.service';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { adjustLicensesBody } from './admin.schemas';
import { LicensePoolService } from './license-pool.service';

/** License pools of a VA: add (or remove with a negative quantity) and list. */
@Controller('admin/api/v1/accounts/:domain/virtual-accounts/:va/licenses')
@UseGuards(BearerGuard)
export class AdminLicensesController {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly pools: LicensePoolService,
    private readonly report: LicenseReportService,
  ) {}

  @Post()
  @HttpCode(200)
  async adjust(@Param('domain') domain: string, @Param('va') vaName: string, @Body() body: unknown) {
    const input = parseInput(adjustLicensesBody, body);
    const va = await this.directory.virtualAccount(domain, vaName);
    await this.pools.adjust(va, input.tag, input.quantity);
    const pool = (await this.report.pools(va)).find((p) => p.tag === input.tag);
    return pool ?? { tag: input.tag, purchased: 0, inUse: 0, balance: 0 };
  }

  @Get()
  async list(@Param('domain') domain: string, @Param('va') vaName: string) {
    const va = await this.directory.virtualAccount(domain, vaName);
    return { virtualAccount: va.name, licenses: await this.report.pools(va) };
  }
}
