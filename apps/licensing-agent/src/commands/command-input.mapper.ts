import type { AgentCommand, CallhomeConfig, NetworkConfig } from '@fleetlic/contracts';
import type { AgentInput, AgentState } from '@fleetlic/licensing-domain';

/** A command other than create, as the step needs it: domain inputs plus configuration changes. */
export interface CommandPlan {
  inputs: AgentInput[];
  callhome?: CallhomeConfig;
  network?: NetworkConfig;
  /** delete: after the inputs (a deregistration when registered), the row is removed. */
  remove?: boolean;
}

type StepCommand = Exclude<AgentCommand, { type: 'create' }> | { type: 'wake' };

/** Maps a command onto the domain's inputs; the domain alone decides what they mean. */
export function planCommand(command: StepCommand, state: AgentState): CommandPlan {
  switch (command.type) {
    case 'wake':
      return { inputs: [{ type: 'wake' }] };
    case 'set-callhome':
      // Stored for the adapter and fed to the domain, whose "Smart Licensing ENABLED" depends on it.
      return { inputs: [{ type: 'set-callhome', callhome: command.callhome }], callhome: command.callhome };
    case 'set-network':
      // Only the adapter reads the network; the next attempt uses it.
      return { inputs: [], network: command.network };
    case 'set-usage':
      return { inputs: [{ type: 'set-usage', entitlements: command.entitlements }] };
    case 'register':
      return { inputs: [{ type: 'register', idToken: command.idToken, force: command.force }] };
    case 'deregister':
      return { inputs: [{ type: 'deregister' }] };
    case 'renew':
      return { inputs: [{ type: 'renew', what: command.what }] };
    case 'delete': {
      // API.md: DELETE deregisters first when registered (or cancels a registration under way).
      const status = state.registration.status;
      const registered = status === 'REGISTERED' || status === 'REGISTERING';
      return { inputs: registered ? [{ type: 'deregister' }] : [], remove: true };
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${(unhandled as { type: string }).type}`);
    }
  }
}
