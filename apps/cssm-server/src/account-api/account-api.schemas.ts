import { z } from 'zod';

/** Bodies of the account API (API.md §3), in Cisco's field names. */
export const createTokenBody = z.object({
  description: z.string().max(500).default(''),
  expiresAfterDays: z.number({ error: 'expiresAfterDays must be a whole number of days from 1 to 365' }).int().min(1).max(365).default(30),
  exportControlled: z.enum(['Allowed', 'Not Allowed'], { error: 'exportControlled must be "Allowed" or "Not Allowed"' }).default('Not Allowed'),
  maxUses: z.number().int().min(1, 'maxUses must be at least 1').max(1_000_000).optional(),
});

export const revokeTokensBody = z.object({
  tokens: z.array(z.object({ token: z.string().min(1).max(512) })).min(1, 'tokens must list at least one { token }').max(1000),
});

export const licensesBody = z.object({
  virtualAccounts: z.array(z.string().min(1).max(200)).max(1000).optional(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
