import { z } from 'zod';

/** ISO 8601 duration in days/hours/minutes/seconds, e.g. P30D, PT6H, P1Y (a year is 365 days). */
const isoDuration = z.string().regex(/^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/, 'an ISO 8601 duration such as P30D');
const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `a URL (${protocols.join(' or ')})`);

/** The environment of API.md §4, with its defaults. */
export const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/fleetlic'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  FLEETLIC_CLOCK: z.enum(['real', 'simulated']).default('real'),
  FLEETLIC_START_TIME: z.iso.datetime({ offset: true }).optional(),
  FLEETLIC_API_KEYS: z
    .string()
    .regex(/^(viewer|operator|admin):[^,:\s]+(,(viewer|operator|admin):[^,:\s]+)*$/, '"<role>:<key>,..." with roles viewer, operator or admin')
    .optional(),
  FLEETLIC_CSSM_URL: url(['https:', 'http:']).default('https://127.0.0.1:8443'),
  FLEETLIC_CSSM_CLIENT_ID: z.string().optional(),
  FLEETLIC_CSSM_CLIENT_SECRET: z.string().optional(),
  FLEETLIC_GATEWAY_PORT: port.default(3000),
  FLEETLIC_CSSM_HTTPS_PORT: port.default(8443),
  FLEETLIC_CSSM_HTTP_PORT: port.default(8080),
  FLEETLIC_NAMESPACE: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _, starting with a letter').default('fleetlic'),
  FLEETLIC_CSSM_MODE: z.enum(['cloud', 'onprem']).default('cloud'),
  FLEETLIC_CSSM_INSTANCE: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _').default('cloud'),
  FLEETLIC_ONPREM_UPSTREAM_URL: url(['https:', 'http:']).optional(),
  FLEETLIC_ONPREM_CLIENT_ID: z.string().optional(),
  FLEETLIC_ONPREM_CLIENT_SECRET: z.string().optional(),
  FLEETLIC_ONPREM_SYNC_INTERVAL: isoDuration.default('P30D'),
  FLEETLIC_CALLHOME_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Where the license server keeps the CA certificate files it exports for clients (PEM). */
  FLEETLIC_STATE_DIR: z.string().default('.fleetlic'),
  /** Agent: how many commands one process works on at once. */
  FLEETLIC_AGENT_CONCURRENCY: z.coerce.number().int().positive().default(32),
});

export type FleetlicEnv = z.infer<typeof envSchema>;

/**
 * Parses the environment. On a bad value it returns one line naming the variable, what it
 * holds wrong and what it should be, so a service can print it and exit.
 */
export function parseEnv(env: NodeJS.ProcessEnv): { ok: true; env: FleetlicEnv } | { ok: false; message: string } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  const issue = result.error.issues[0];
  const name = String(issue.path[0]);
  return { ok: false, message: `invalid environment: ${name}: ${issue.message}` };
}
