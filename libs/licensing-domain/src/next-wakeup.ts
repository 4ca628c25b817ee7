import type { AgentState } from './agent-state';
import { firstTimer } from './timers';

/**
 * The earliest instant at which the agent must act (retry, renewal, deadline, certificate
 * expiry, evaluation end or warning); null when nothing is scheduled. Waking earlier is harmless.
 */
export function nextWakeup(state: AgentState): number | null {
  return firstTimer(state)?.at ?? null;
}
