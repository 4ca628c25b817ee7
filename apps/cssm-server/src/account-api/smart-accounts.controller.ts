import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { Request } from 'express';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { AccountDirectory } from './account-directory.service';
import { createTokenBody, revokeTokensBody } from './account-api.schemas';
import { IdTokenService } from './id-token.service';

/** Accounts and ID tokens of Cisco's Smart Accounts and Licensing API, v2. */
@Controller('services/api/smart-accounts-and-licensing/v2/accounts')
@UseGuards(BearerGuard)
export class SmartAccountsController {
  constructor(
    private readonly directory: AccountDirectory,
    private readonly tokens: IdTokenService,
  ) {}

  @Get()
  async accounts() {
    const accounts = await this.directory.list();
    return {
      accounts: accounts.map((a) => ({ accountName: a.name, accountDomain: a.domain, accountStatus: 'Active', accountType: 'CUSTOMER', roles: [{ role: 'SMART_ACCOUNT_ADMIN' }] })),
    };
  }

  @Post(':domain/virtual-accounts/:va/tokens')
  @HttpCode(200)
  async createToken(@Param('domain') domain: string, @Param('va') vaName: string, @Body() body: unknown, @Req() req: Request & { clientId?: string }) {
    const input = parseInput(createTokenBody, body);
    const va = await this.directory.virtualAccount(domain, vaName);
    const token = await this.tokens.create(va, { ...input, exportControlled: input.exportControlled === 'Allowed' }, req.clientId ?? 'api');
    return {
      status: 'SUCCESS',
      statusMessage: 'Token created',
      tokenInfo: { token: token.token, description: token.description, expiresAfterDays: token.expiresAfterDays, exportControlled: input.exportControlled, maxUses: token.maxUses, expirationDate: token.expiresAt.toISOString() },
    };
  }

  @Get(':domain/virtual-accounts/:va/tokens')
  async listTokens(@Param('domain') domain: string, @Param('va') vaName: string) {
    const va = await this.directory.virtualAccount(domain, vaName);
    const tokens = await this.tokens.list(va);
    return { status: 'SUCCESS', tokens: tokens.map((t) => this.tokens.view(t)) };
  }

  @Post(':domain/virtual-accounts/:va/tokens/revoke')
  @HttpCode(200)
  async revoke(@Param('domain') domain: string, @Param('va') vaName: string, @Body() body: unknown) {
    const input = parseInput(revokeTokensBody, body);
    const va = await this.directory.virtualAccount(domain, vaName);
    await this.tokens.revoke(va, input.tokens.map((t) => t.token));
    return { status: 'SUCCESS', statusMessage: `${input.tokens.length} token(s) revoked` };
  }
}
