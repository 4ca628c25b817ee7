import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { DataSource } from 'typeorm';
import { AccountDirectory } from './account-api/account-directory.service';
import { IdTokenService } from './account-api/id-token.service';
import { LicensePoolService } from './admin/license-pool.service';
import { CssmError, CssmErrorCode } from './common/cssm.error';
import { CssmClock } from './common/injection-tokens';
import { OAuthService } from './oauth/oauth.service';

export const DEMO = { accountName: 'Demo Customer', domain: 'demo.example.com', virtualAccount: 'Default', clientId: 'demo-client', licenses: 100, tokenDays: 30 } as const;

export interface DemoSeed {
  clientId: string;
  clientSecret: string;
  idToken: string;
}

/**
 * Seeds the demo Smart Account of API.md §3 when it does not exist: VA `Default` with 100 of
 * each entitlement, OAuth client `demo-client` and an ID token valid 30 days (export-controlled
 * Allowed). Returns null when the account already exists (its secret cannot be shown again).
 */
export async function seedDemo(ds: DataSource, clock: CssmClock): Promise<DemoSeed | null> {
  const directory = new AccountDirectory(ds);
  try {
    await directory.createAccount(DEMO.accountName, DEMO.domain);
  } catch (error) {
    if (error instanceof CssmError && error.code === CssmErrorCode.AccountExists) return null;
    throw error;
  }
  const va = await directory.createVirtualAccount(DEMO.domain, DEMO.virtualAccount);
  const pools = new LicensePoolService(ds);
  for (const tag of ENTITLEMENT_TAGS) await pools.adjust(va, tag, DEMO.licenses);
  const clientSecret = await new OAuthService(ds).upsertClient(DEMO.clientId);
  const token = await new IdTokenService(ds, clock).create(va, { description: 'demo token', expiresAfterDays: DEMO.tokenDays, exportControlled: true }, 'seed');
  return { clientId: DEMO.clientId, clientSecret, idToken: token.token };
}
