import { OutboxMessage } from '@fleetlic/persistence';
import { Account } from './account.entity';
import { CaRoot } from './ca-root.entity';
import { DeviceMessage } from './device-message.entity';
import { IdToken } from './id-token.entity';
import { InstanceUsage } from './instance-usage.entity';
import { LicensePool } from './license-pool.entity';
import { OAuthAccessToken } from './oauth-access-token.entity';
import { OAuthClient } from './oauth-client.entity';
import { OnpremAccount } from './onprem-account.entity';
import { ProductInstance } from './product-instance.entity';
import { VaUsage } from './va-usage.entity';
import { VirtualAccount } from './virtual-account.entity';
import { InitialSchema1767225600000 } from './migrations/1767225600000-initial-schema';
import { OnpremAccounts1767312000000 } from './migrations/1767312000000-onprem-accounts';
import { DropInstanceCertPem1767398400000 } from './migrations/1767398400000-drop-instance-cert-pem';
import { VaUsageCounter1767484800000 } from './migrations/1767484800000-va-usage-counter';

export const CSSM_ENTITIES = [
  OutboxMessage,
  CaRoot,
  OAuthClient,
  OAuthAccessToken,
  Account,
  VirtualAccount,
  LicensePool,
  IdToken,
  ProductInstance,
  InstanceUsage,
  VaUsage,
  DeviceMessage,
  OnpremAccount,
];

/** In order; a new migration is appended here. */
export const CSSM_MIGRATIONS = [InitialSchema1767225600000, OnpremAccounts1767312000000, DropInstanceCertPem1767398400000, VaUsageCounter1767484800000];
