import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const STACK_SERVICES = ['cssm-server', 'cssm-adapter', 'licensing-agent', 'scheduler', 'device-gateway'] as const;
export type StackService = (typeof STACK_SERVICES)[number];

export interface ApiKeys {
  viewer: string;
  operator: string;
  admin: string;
}

export interface StackPorts {
  gateway: number;
  cssmHttps: number;
  cssmHttp: number;
}

export function generateApiKeys(): ApiKeys {
  const key = (role: string) => `${role}-${randomBytes(12).toString('hex')}`;
  return { viewer: key('viewer'), operator: key('operator'), admin: key('admin') };
}

/**
 * The environment every process of a test stack shares: its own namespace, ports, state and
 * trace file, and keys. `overrides` (the test's `env`) win over everything but are applied last
 * so a test can e.g. switch the clock to simulated.
 */
export function composeStackEnv(p: {
  base: NodeJS.ProcessEnv;
  namespace: string;
  databaseUrl: string;
  natsUrl: string;
  ports: StackPorts;
  dir: string;
  keys: ApiKeys;
  overrides?: Record<string, string>;
}): Record<string, string> {
  const env: Record<string, string> = {};
  // Inherit PATH, HOME, etc., but not the parent's fleetlic/OTel settings, which would leak another stack's.
  for (const [k, v] of Object.entries(p.base)) if (v !== undefined && !/^(FLEETLIC_|OTEL_)/.test(k)) env[k] = v;
  Object.assign(env, {
    DATABASE_URL: p.databaseUrl,
    NATS_URL: p.natsUrl,
    FLEETLIC_NAMESPACE: p.namespace,
    FLEETLIC_GATEWAY_PORT: String(p.ports.gateway),
    FLEETLIC_CSSM_HTTPS_PORT: String(p.ports.cssmHttps),
    FLEETLIC_CSSM_HTTP_PORT: String(p.ports.cssmHttp),
    FLEETLIC_CSSM_URL: `https://127.0.0.1:${p.ports.cssmHttps}`,
    FLEETLIC_TRACE_FILE: join(p.dir, 'spans.jsonl'),
    FLEETLIC_STATE_DIR: join(p.dir, 'state'),
    FLEETLIC_API_KEYS: `viewer:${p.keys.viewer},operator:${p.keys.operator},admin:${p.keys.admin}`,
    OTEL_TRACES_EXPORTER: 'none',
  });
  return { ...env, ...(p.overrides ?? {}) };
}
