import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { parseInput } from '../common/zod-body';
import { OAuthService } from './oauth.service';

const tokenRequest = z.object({
  grant_type: z.string({ error: 'grant_type is required (client_credentials)' }),
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
});

/** OAuth2 client credentials (form-encoded, or HTTP Basic for the client), as Cisco's API uses. */
@Controller('oauth2/default/v1')
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  @Post('token')
  @HttpCode(200)
  token(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    const form = parseInput(tokenRequest, body);
    if (form.grant_type !== 'client_credentials') {
      throw new CssmError(CssmErrorCode.UnsupportedGrantType, `grant_type "${form.grant_type}" is not supported; use client_credentials`);
    }
    let { client_id: clientId, client_secret: secret } = form;
    const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (basic && (!clientId || !secret)) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [clientId, secret] = [decodeURIComponent(decoded.slice(0, colon)), decodeURIComponent(decoded.slice(colon + 1))];
    }
    if (!clientId || !secret) throw new CssmError(CssmErrorCode.InvalidClient, 'client_id and client_secret are required');
    return this.oauth.issueToken(clientId, secret);
  }
}
