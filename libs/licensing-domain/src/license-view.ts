import type { AgentState } from './agent-state';

/** What the `show license` renderers need: the agent's state and the switch's UDI. */
export interface LicenseView {
  state: AgentState;
  udi: { pid: string; serialNumber: string };
}
