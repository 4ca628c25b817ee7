import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AccountDirectory } from '../account-api/account-directory.service';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { createAccountBody, createVirtualAccountBody } from './admin.schemas';

/** What CSSM does through its web UI: creating Smart Accounts and virtual accounts. */
@Controller('admin/api/v1')
@UseGuards(BearerGuard)
export class AdminAccountsController {
  constructor(private readonly directory: AccountDirectory) {}

  @Post('accounts')
  @HttpCode(201)
  async createAccount(@Body() body: unknown) {
    const input = parseInput(createAccountBody, body);
    const account = await this.directory.createAccount(input.name, input.domain);
    return { name: account.name, domain: account.domain };
  }

  @Post('accounts/:domain/virtual-accounts')
  @HttpCode(201)
  async createVirtualAccount(@Param('domain') domain: string, @Body() body: unknown) {
    const input = parseInput(createVirtualAccountBody, body);
    const va = await this.directory.createVirtualAccount(domain, input.name);
    return { name: va.name, domain };
  }
}
