import type { AgentState } from './agent-state';

/** SPEC §10: ENABLED when Smart Licensing is on and Call Home is enabled with a destination. */
export function smartLicensingEnabled(state: AgentState): boolean {
  const ch = state.callhome;
  return state.smartLicensingEnabled && !!ch && ch.enabled && ch.destinationUrl.trim() !== '';
}
