import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { DATA_SOURCE } from '../common/injection-tokens';
import { OAuthAccessToken } from '../persistence/oauth-access-token.entity';
import { OAuthClient } from '../persistence/oauth-client.entity';
import { hashSecret, randomSecret, secretMatches, tokenHash } from './secret-hash';

/** Lifetime of an access token, on the wall clock (as Cisco's: 3599 s). */
export const ACCESS_TOKEN_SECONDS = 3599;

/** OAuth2 client credentials for the account and admin APIs. */
@Injectable()
export class OAuthService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** Creates the client, or sets its secret when it exists; returns the secret. */
  async upsertClient(clientId: string, secret = randomSecret()): Promise<string> {
    await this.ds.getRepository(OAuthClient).upsert({ clientId, secretHash: hashSecret(secret) }, ['clientId']);
    return secret;
  }

  async clientExists(clientId: string): Promise<boolean> {
    return this.ds.getRepository(OAuthClient).existsBy({ clientId });
  }

  async issueToken(clientId: string, secret: string): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    const client = await this.ds.getRepository(OAuthClient).findOneBy({ clientId });
    if (!client || !secretMatches(secret, client.secretHash)) {
      throw new CssmError(CssmErrorCode.InvalidClient, 'Unknown client_id or wrong client_secret');
    }
    const token = randomSecret(32);
    const repo = this.ds.getRepository(OAuthAccessToken);
    await repo.delete({ expiresAt: LessThan(new Date()) });
    await repo.insert({ tokenHash: tokenHash(token), clientId, expiresAt: new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000) });
    return { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS };
  }

  /** The client a bearer token belongs to; 401 when it is unknown or expired. */
  async authenticate(token: string): Promise<string> {
    const row = await this.ds.getRepository(OAuthAccessToken).findOneBy({ tokenHash: tokenHash(token) });
    if (!row || row.expiresAt.getTime() <= Date.now()) {
      throw new CssmError(CssmErrorCode.Unauthorized, 'The access token is unknown or has expired; get a new one at POST /oauth2/default/v1/token');
    }
    return row.clientId;
  }
}
