/** Wake key of an On-Prem account's network sync (owner `cssm.<instance>`, API design §Messages). */
export const SYNC_WAKE_PREFIX = 'sync.';

export const syncWakeKey = (account: string) => `${SYNC_WAKE_PREFIX}${account}`;
