// Test support (not part of the build's public API): fixtures and small drivers for decide().
import type { CallhomeConfig, EntitlementUsage } from '@fleetlic/contracts';
import { decide, initialAgentState, type AgentEffect, type AgentInput, type AgentState, type CssmAnswer, type CssmRequest } from '../src';
import { DAY } from '../src/time';

/** The source document's registration instant: Jun 22 16:15:41 2022 UTC. */
export const T0 = Date.UTC(2022, 5, 22, 16, 15, 41);
export const IDENTITY = { pid: 'N9K-C93180YC-FX', serialNumber: 'FDO12345678', nxosVersion: '9.3(5)' };
export const UDI = { pid: IDENTITY.pid, serialNumber: IDENTITY.serialNumber };
export const CALLHOME: CallhomeConfig = {
  enabled: true,
  emailContact: 'noc@example.com',
  destinationUrl: 'https://tools.cisco.com/its/service/oddce/services/DDCEService',
  transportMethod: 'http',
  vrf: 'management',
};
export const USAGE: EntitlementUsage[] = [
  { tag: 'NXOS_ADVANTAGE_XF', count: 1 },
  { tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 1 },
];
export const NO_PATH = 'Fail to send out Call Home HTTP message';

export function freshState(now = T0): AgentState {
  return initialAgentState(IDENTITY, now, CALLHOME);
}

export function registerOk(now: number, exportControlled = true): CssmAnswer {
  return {
    kind: 'register',
    result: 'success',
    idCertificate: { notBefore: now, notAfter: now + 365 * DAY },
    renewalPeriodDays: 180,
    smartAccount: 'Demo Customer',
    virtualAccount: 'Default',
    exportControlled,
  };
}

export function authorizeOk(now: number, usage: EntitlementUsage[], inCompliance = true): CssmAnswer {
  const status = inCompliance ? ('AUTHORIZED' as const) : ('OUT OF COMPLIANCE' as const);
  return {
    kind: 'authorize',
    result: 'success',
    inCompliance,
    entitlements: usage.map((u) => ({ tag: u.tag, count: u.count, status })),
    validUntil: now + 90 * DAY,
    renewalIntervalDays: 30,
  };
}

export const requestsOf = (effects: AgentEffect[]): CssmRequest[] =>
  effects.flatMap((e) => (e.type === 'cssm-request' ? [e.request] : []));
export const eventNames = (effects: AgentEffect[]): string[] =>
  effects.flatMap((e) => (e.type === 'event' ? [e.event.name.replace('SMART_LIC-', '')] : []));

/** Applies inputs in order at one instant, collecting every effect. */
export function run(state: AgentState, now: number, ...inputs: AgentInput[]): { state: AgentState; effects: AgentEffect[] } {
  const effects: AgentEffect[] = [];
  for (const input of inputs) {
    const d = decide(state, input, now);
    state = d.state;
    effects.push(...d.effects);
  }
  return { state, effects };
}

/** Answers every request in `effects` with `answer(request)` (or a failure reason string), recursively. */
export function settle(
  state: AgentState,
  effects: AgentEffect[],
  now: number,
  answer: (r: CssmRequest) => CssmAnswer | string,
): { state: AgentState; effects: AgentEffect[] } {
  const all = [...effects];
  let queue = requestsOf(effects);
  while (queue.length) {
    const r = queue.shift() as CssmRequest;
    const a = answer(r);
    const input: AgentInput = typeof a === 'string' ? { type: 'cssm-failure', requestId: r.requestId, reason: a } : { type: 'cssm-answer', requestId: r.requestId, answer: a };
    const d = decide(state, input, now);
    state = d.state;
    all.push(...d.effects);
    queue = [...queue, ...requestsOf(d.effects)];
  }
  return { state, effects: all };
}

/** A registered, authorized switch (registered at `at`, in compliance unless told otherwise). */
export function authorizedState(at = T0, usage = USAGE, inCompliance = true): AgentState {
  const { state, effects } = run(freshState(at), at, { type: 'set-usage', entitlements: usage }, { type: 'register', idToken: 'tok' });
  return settle(state, effects, at, (r) => (r.kind === 'register' ? registerOk(at) : authorizeOk(at, usage, inCompliance))).state;
}

/** Wakes the agent at every wake-up up to `until`, answering requests with `answer`. */
export function advance(
  state: AgentState,
  until: number,
  answer: (r: CssmRequest, now: number) => CssmAnswer | string,
  nextWakeup: (s: AgentState) => number | null,
): { state: AgentState; effects: AgentEffect[] } {
  const effects: AgentEffect[] = [];
  for (let t = nextWakeup(state); t !== null && t <= until; t = nextWakeup(state)) {
    const now = t;
    const d = decide(state, { type: 'wake' }, now);
    const s = settle(d.state, d.effects, now, (r) => answer(r, now));
    state = s.state;
    effects.push(...s.effects);
  }
  return { state, effects };
}
