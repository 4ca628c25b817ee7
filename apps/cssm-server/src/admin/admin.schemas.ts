import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { z } from 'zod';

const name = z.string().trim().min(1, 'must not be empty').max(200);

export const createAccountBody = z.object({
  name,
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'domain must look like example.com'),
});

export const createVirtualAccountBody = z.object({ name: name.regex(/^[^/]+$/, 'name must not contain "/"') });

export const adjustLicensesBody = z.object({
  tag: z.enum(ENTITLEMENT_TAGS as [string, ...string[]], { error: `tag must be one of ${ENTITLEMENT_TAGS.join(', ')}` }),
  quantity: z.number({ error: 'quantity must be a whole number (negative removes)' }).int().min(-1_000_000).max(1_000_000),
});
