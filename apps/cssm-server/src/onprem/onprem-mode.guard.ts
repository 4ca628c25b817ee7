import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CssmConfig } from '../common/injection-tokens';

/** Sync routes exist on one side only: say which server the caller should have asked. */
export function requireMode(config: CssmConfig, mode: CssmConfig['mode'], what: string): void {
  if (config.mode === mode) return;
  const where = mode === 'onprem' ? 'an On-Prem license server (FLEETLIC_CSSM_MODE=onprem)' : 'the cloud license server (FLEETLIC_CSSM_MODE=cloud)';
  throw new CssmError(CssmErrorCode.WrongMode, `${what} is done on ${where}; this server runs in ${config.mode} mode`);
}

/** Default interval when a config has no On-Prem section (tests): 30 days, as FLEETLIC_ONPREM_SYNC_INTERVAL. */
export const DEFAULT_SYNC_INTERVAL_MS = 30 * 86_400_000;

export function syncIntervalMs(config: CssmConfig): number {
  return config.onprem?.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
}
