import { z } from 'zod';
import { ONPREM_ACCOUNT_NAME } from './sync-document.schemas';

const domain = z.string().trim().toLowerCase().min(1, 'domain (the cloud Smart Account domain) must not be empty').max(253);
const virtualAccount = z.string().trim().min(1, 'virtualAccount must not be empty').max(200);
const name = z.string().regex(ONPREM_ACCOUNT_NAME, 'name must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** cloud: `POST /admin/api/v1/onprem-accounts` registers an On-Prem account in a VA. */
export const registerOnpremAccountBody = z.object({ name, domain, virtualAccount });

/**
 * onprem: `POST /admin/api/v1/onprem-accounts` creates the local account; `syncKey` is the one
 * the cloud returned when it registered the account (omit it to have this server register the
 * account with the configured cloud server over the network).
 */
export const createLocalAccountBody = z.object({ name, domain, virtualAccount, syncKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'syncKey must be the 43-character key the cloud server returned').optional() });

export const accountQuery = z.object({ account: z.string().regex(ONPREM_ACCOUNT_NAME, 'account must name an On-Prem account') });
export const optionalAccountQuery = accountQuery.partial();
