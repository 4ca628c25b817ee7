import { parseIsoDuration } from '@fleetlic/clock';
import { FleetlicEnv, parseEnv } from '@fleetlic/contracts';
import { z } from 'zod';
import { CssmConfig } from './common/injection-tokens';

/** Variables only the license server reads (in addition to API.md §4). */
const cssmOnly = z.object({
  /** Extra TLS names (DNS or IP, comma-separated) besides localhost, 127.0.0.1 and ::1. */
  FLEETLIC_CSSM_TLS_NAMES: z
    .string()
    .regex(/^[A-Za-z0-9.:*-]+(,[A-Za-z0-9.:*-]+)*$/, 'a comma-separated list of host names or IP addresses')
    .default('cssm.fleetlic.test,onprem.fleetlic.test,tools.cisco.com'),
  /** `demo`: seed the demo Smart Account on start (API.md §3) when it does not exist. */
  FLEETLIC_CSSM_SEED: z.enum(['demo', 'none']).default('none'),
});

export interface CssmEnv {
  env: FleetlicEnv;
  config: CssmConfig;
  tlsNames: string[];
  seed: 'demo' | 'none';
}

/** The validated environment, or one line naming what is wrong. */
export function parseCssmEnv(raw: NodeJS.ProcessEnv): { ok: true; value: CssmEnv } | { ok: false; message: string } {
  const base = parseEnv(raw);
  if (!base.ok) return base;
  const extra = cssmOnly.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== '')));
  if (!extra.success) {
    const issue = extra.error.issues[0];
    return { ok: false, message: `invalid environment: ${String(issue.path[0])}: ${issue.message}` };
  }
  const env = base.env;
  const names = ['localhost', '127.0.0.1', '::1', ...extra.data.FLEETLIC_CSSM_TLS_NAMES.split(',')];
  return {
    ok: true,
    value: {
      env,
      config: {
        namespace: env.FLEETLIC_NAMESPACE,
        instance: env.FLEETLIC_CSSM_INSTANCE,
        mode: env.FLEETLIC_CSSM_MODE,
        stateDir: env.FLEETLIC_STATE_DIR,
        onprem: {
          upstreamUrl: env.FLEETLIC_ONPREM_UPSTREAM_URL?.replace(/\/$/, ''),
          clientId: env.FLEETLIC_ONPREM_CLIENT_ID,
          clientSecret: env.FLEETLIC_ONPREM_CLIENT_SECRET,
          syncIntervalMs: parseIsoDuration(env.FLEETLIC_ONPREM_SYNC_INTERVAL),
        },
      },
      tlsNames: [...new Set(names)],
      seed: extra.data.FLEETLIC_CSSM_SEED,
    },
  };
}
