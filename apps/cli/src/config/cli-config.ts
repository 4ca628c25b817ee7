import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The checkout root: this file runs from `<root>/dist/apps/cli/src/config`. */
export const CHECKOUT_ROOT = resolve(__dirname, '../../../../..');

/** What `npm start` (tools/start.mjs) saves in `.fleetlic/<namespace>.json`. */
export interface SavedState {
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
  idToken?: string;
  caCertificate?: string;
  gatewayUrl?: string;
  cssmUrl?: string;
}

export interface CliConfig {
  gatewayUrl: string;
  apiKey?: string;
  cssmUrl: string;
  cssmClientId?: string;
  cssmClientSecret?: string;
  /** PEM file of the license server's root CA, if found. */
  caPath?: string;
}

function readState(namespace: string, env: NodeJS.ProcessEnv): SavedState {
  const dir = stateDir(env);
  const file = resolve(dir, `${namespace}.json`);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SavedState;
  } catch {
    return {};
  }
}

function stateDir(env: NodeJS.ProcessEnv): string {
  const dir = env.FLEETLIC_STATE_DIR || '.fleetlic';
  return isAbsolute(dir) ? dir : resolve(CHECKOUT_ROOT, dir);
}

/** Environment first (API.md §2, §4), then what `npm start` saved. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const namespace = env.FLEETLIC_NAMESPACE || 'fleetlic';
  const state = readState(namespace, env);
  const instance = env.FLEETLIC_CSSM_INSTANCE || 'cloud';
  const savedCa = state.caCertificate;
  const defaultCa = resolve(stateDir(env), `${namespace}-${instance}-ca-current.pem`);
  const caPath = savedCa && existsSync(resolve(CHECKOUT_ROOT, savedCa)) ? resolve(CHECKOUT_ROOT, savedCa) : existsSync(defaultCa) ? defaultCa : undefined;
  return {
    gatewayUrl: (env.FLEETLIC_URL || state.gatewayUrl || 'http://127.0.0.1:3000').replace(/\/$/, ''),
    apiKey: env.FLEETLIC_API_KEY || state.apiKey,
    cssmUrl: (env.FLEETLIC_CSSM_URL || state.cssmUrl || 'https://127.0.0.1:8443').replace(/\/$/, ''),
    cssmClientId: env.FLEETLIC_CSSM_CLIENT_ID || state.clientId,
    cssmClientSecret: env.FLEETLIC_CSSM_CLIENT_SECRET || state.clientSecret,
    caPath,
  };
}
