import type { AdapterCall, AdapterReply, CallhomeConfig, LicenseEvent, NetworkConfig } from '@fleetlic/contracts';
import { decide, type AgentEffect, type AgentInput, type AgentState, type CssmRequest } from '@fleetlic/licensing-domain';
import { AgentError, AgentErrorCode } from '../agent-error';
import { toDomainInput } from './adapter-reply.mapper';
import { buildDeviceMessage, type SwitchCredentials } from './device-message.builder';

/** Performs one Call Home exchange through the cssm-adapter. */
export type AdapterCaller = (call: AdapterCall) => Promise<AdapterReply>;

export interface StepContext {
  switch: SwitchCredentials;
  callhome: CallhomeConfig;
  network: NetworkConfig;
  now: number;
  callAdapter: AdapterCaller;
}

export interface StepResult {
  state: AgentState;
  events: LicenseEvent[];
  refusal?: { code: string; message: string };
}

/** A register with force, an authorization and a renewal: far below this unless the domain loops. */
const MAX_EXCHANGES = 32;

/**
 * Feeds the inputs to the domain one after another and carries out what it asks: every
 * `cssm-request` is sent through the adapter and its outcome decided at once, until no request
 * remains. The first refusal stops the remaining inputs (the state stays as the domain left it).
 */
export async function runStep(initial: AgentState, inputs: AgentInput[], ctx: StepContext): Promise<StepResult> {
  let state = initial;
  const events: LicenseEvent[] = [];
  const requests: CssmRequest[] = [];
  let exchanges = 0;

  const apply = (input: AgentInput): { code: string; message: string } | undefined => {
    const decision = decide(state, input, ctx.now);
    state = decision.state;
    let refusal: { code: string; message: string } | undefined;
    for (const effect of decision.effects as AgentEffect[]) {
      if (effect.type === 'event') events.push(effect.event);
      else if (effect.type === 'cssm-request') requests.push(effect.request);
      else refusal = { code: effect.code, message: effect.message };
    }
    return refusal;
  };

  for (const input of inputs) {
    const refusal = apply(input);
    await drain();
    if (refusal) return { state, events, refusal };
  }
  return { state, events };

  async function drain(): Promise<void> {
    for (let request = requests.shift(); request; request = requests.shift()) {
      if (++exchanges > MAX_EXCHANGES) throw new AgentError(AgentErrorCode.ExchangeLoop, `more than ${MAX_EXCHANGES} CSSM exchanges in one step`);
      const message = await buildDeviceMessage(ctx.switch, request);
      const reply = await ctx.callAdapter({ switchId: ctx.switch.switchId, callhome: ctx.callhome, network: ctx.network, request: message });
      apply(toDomainInput(request, reply));
    }
  }
}
