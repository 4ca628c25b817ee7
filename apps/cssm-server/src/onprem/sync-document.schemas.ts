import { z } from 'zod';

/** On-Prem account names: they appear in file names and wake keys, so they stay plain. */
export const ONPREM_ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time');
const tag = z.string().min(1).max(100);
const accountName = z.string().regex(ONPREM_ACCOUNT_NAME, 'must be an On-Prem account name');
const sequence = z.number().int().min(1);
/** `hmac-sha256:<base64url>` over the canonical JSON of the document without `signature`. */
const signature = z.string().regex(/^hmac-sha256:[A-Za-z0-9_-]+$/, 'must be hmac-sha256:<base64url>');

/** One product instance of the On-Prem account, as the cloud mirrors it. */
const syncInstance = z.object({
  udi: z.string().regex(/^[^:\s]+:[^:\s]+$/, 'must be <pid>:<sn>'),
  nxosVersion: z.string().max(100).nullable().optional(),
  exportControlled: z.boolean().default(false),
  registeredAt: iso,
  lastContact: iso,
  certNotAfter: iso,
  /** Released after 90 days of silence on the On-Prem server: listed, but counts nothing. */
  usageReleased: z.boolean().default(false),
  usage: z.array(z.object({ tag, count: z.number().int().min(0).max(1_000_000) })).max(100),
});

/** What the On-Prem server sends (file `license-sync-request-<account>_<yyyymmdd>-<n>.yml`). */
export const syncRequestSchema = z.object({
  kind: z.literal('license-sync-request'),
  version: z.literal(1),
  account: accountName,
  onpremInstance: z.string().min(1).max(100),
  sequence,
  generatedAt: iso,
  instances: z.array(syncInstance).max(200_000),
  signature,
});

/** What the cloud answers: the pools the On-Prem account may use, and the VA's compliance. */
export const syncResponseSchema = z.object({
  kind: z.literal('license-sync-response'),
  version: z.literal(1),
  account: accountName,
  onpremInstance: z.string().min(1).max(100),
  sequence,
  generatedAt: iso,
  smartAccount: z.object({ name: z.string(), domain: z.string() }),
  virtualAccount: z.string(),
  /** `purchased` in the VA, `available` = purchased − what others (direct switches, other On-Prems) use. */
  pools: z.array(z.object({ tag, purchased: z.number().int(), available: z.number().int() })),
  compliance: z.array(z.object({ tag, purchased: z.number().int(), inUse: z.number().int(), balance: z.number().int(), status: z.enum(['In Compliance', 'Out Of Compliance']) })),
  syncDue: iso,
  signature,
});

export type SyncRequest = z.infer<typeof syncRequestSchema>;
export type SyncResponse = z.infer<typeof syncResponseSchema>;
export type SyncInstance = z.infer<typeof syncInstance>;
