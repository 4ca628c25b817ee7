import { Inject, Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { DataSource } from 'typeorm';
import { defaultCallhome, defaultNetwork, type AgentCommand, type CommandResult, type FleetlicEnv } from '@fleetlic/contracts';
import { initialAgentState, nextWakeup } from '@fleetlic/licensing-domain';
import { traceHeaders } from '@fleetlic/messaging';
import { AGENT_ENV, DATA_SOURCE } from '../agent.tokens';
import { generateSwitchKey } from '../keys/switch-key';
import { createSwitch } from '../persistence/switch-create.repository';
import { lifecycleRow, wakeRequestRows } from './step-outbox.builder';

type CreateCommand = Extract<AgentCommand, { type: 'create' }>;

/** `create`: a new switch with its own key, the domain's initial state and default configuration. */
@Injectable()
export class SwitchCreator {
  constructor(
    @Inject(AGENT_ENV) private readonly env: FleetlicEnv,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  async create(c: CreateCommand, now: number): Promise<CommandResult> {
    const callhome = c.callhome ?? defaultCallhome(this.env.FLEETLIC_CSSM_URL);
    const network = c.network ?? defaultNetwork();
    const state = initialAgentState({ pid: c.pid, serialNumber: c.serialNumber, nxosVersion: c.nxosVersion }, now, callhome);
    const next = nextWakeup(state);
    const base = { commandId: c.commandId, switchId: c.switchId };
    const result = await createSwitch(
      this.ds,
      { id: c.switchId, name: c.name, pid: c.pid, serialNumber: c.serialNumber, udi: udiOf(c.pid, c.serialNumber), nxosVersion: c.nxosVersion, callhome, network, state, privateKey: await generateSwitchKey(), nextWakeAt: next },
      {
        applied: { ...base, outcome: 'applied' },
        conflict: { ...base, outcome: 'conflict', code: 'SWITCH_EXISTS', message: `a switch named ${c.name} or with UDI ${udiOf(c.pid, c.serialNumber)} already exists` },
      },
      [...wakeRequestRows(this.env.FLEETLIC_NAMESPACE, c.switchId, null, next), lifecycleRow(this.env.FLEETLIC_NAMESPACE, { id: c.switchId, name: c.name }, 'created', state, now)],
      traceHeaders(now),
    );
    trace.getActiveSpan()?.setAttribute('license.state', `${state.registration.status}/${state.authorization.status}`);
    return result;
  }
}

/** The UDI as NX-OS prints it: `PID:<pid>,SN:<serial>`. */
export function udiOf(pid: string, serialNumber: string): string {
  return `PID:${pid},SN:${serialNumber}`;
}
