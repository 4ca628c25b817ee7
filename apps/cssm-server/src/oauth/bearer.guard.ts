import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { OAuthService } from './oauth.service';

/** Requires `Authorization: Bearer <access token>` from POST /oauth2/default/v1/token. */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly oauth: OAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { clientId?: string }>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new CssmError(CssmErrorCode.Unauthorized, 'Missing "Authorization: Bearer <token>"; get a token at POST /oauth2/default/v1/token');
    req.clientId = await this.oauth.authenticate(match[1]);
    return true;
  }
}
