import { z } from 'zod';
import { AUTHORIZATION_STATUSES, REGISTRATION_STATUSES, switchNameSchema } from '@fleetlic/contracts';

/** `POST /fleet/register`. The filter's parts combine with AND; no filter = every switch. */
export const fleetRegisterSchema = z.object({
  idToken: z.string().min(1).max(512),
  filter: z
    .object({
      registration: z.enum(REGISTRATION_STATUSES).optional(),
      authorization: z.enum(AUTHORIZATION_STATUSES).optional(),
      names: z.array(switchNameSchema).min(1).max(100_000).optional(),
    })
    .optional(),
});
export type FleetRegisterInput = z.infer<typeof fleetRegisterSchema>;
