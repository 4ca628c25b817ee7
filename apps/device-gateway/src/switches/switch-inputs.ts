import { z } from 'zod';
import { AUTHORIZATION_STATUSES, callhomeSchema, networkSchema, REGISTRATION_STATUSES, switchNameSchema } from '@fleetlic/contracts';

/** `POST /switches` (and each item of an import). */
export const createSwitchSchema = z.object({
  name: switchNameSchema,
  pid: z.string().min(1).max(64),
  serialNumber: z.string().min(1).max(64),
  nxosVersion: z.string().min(1).max(64),
  callhome: callhomeSchema.optional(),
  network: networkSchema.optional(),
});
export type CreateSwitchInput = z.infer<typeof createSwitchSchema>;

/** `GET /switches` query. */
export const listQuerySchema = z.object({
  registration: z.enum(REGISTRATION_STATUSES).optional(),
  authorization: z.enum(AUTHORIZATION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(512).optional(),
});

/** `GET /switches/{name}/events` query. */
export const eventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  since: z.iso.datetime({ offset: true }).optional(),
});
