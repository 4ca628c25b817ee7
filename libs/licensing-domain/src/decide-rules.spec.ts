import { CALLHOME_FAILURE_REASONS } from '@fleetlic/contracts';
import { authorizedState, authorizeOk, CALLHOME, eventNames, freshState, NO_PATH, registerOk, requestsOf, run, settle, T0, USAGE } from '../test/agent-harness';
import type { AgentState } from './agent-state';
import { decide } from './decide';
import { DomainRefusalCode } from './domain-refusal';
import { nextWakeup } from './next-wakeup';
import { DAY, HOUR } from './time';

describe('SPEC §0 same-instant order', () => {
  it('certificate expiry first: nothing else runs for an unregistered switch', () => {
    const s = authorizedState();
    const T = T0 + 50 * DAY;
    const crafted: AgentState = {
      ...s,
      registration: { ...s.registration, certificate: { notBefore: T0, notAfter: T }, nextRenewalAt: T },
      authorization: { ...s.authorization, deadline: T, nextAttemptAt: T },
    };
    const d = decide(crafted, { type: 'wake' }, T);
    expect(eventNames(d.effects)).toEqual(['3-ID_CERT_EXPIRED', '5-EVAL_START']);
    expect(requestsOf(d.effects)).toEqual([]);
  });

  it('deadline, then evaluation end, then certificate renewal, then authorization retry', () => {
    const s = authorizedState();
    const T = T0 + 50 * DAY;
    const crafted: AgentState = {
      ...s,
      registration: { ...s.registration, nextRenewalAt: T },
      authorization: { ...s.authorization, deadline: T, nextAttemptAt: T },
    };
    const d = decide(crafted, { type: 'wake' }, T);
    expect(eventNames(d.effects)).toEqual(['3-AUTHORIZATION_EXPIRED']);
    expect(requestsOf(d.effects).map((r) => r.kind)).toEqual(['renew-id', 'authorize']);
    // evaluation end before certificate renewal (registered, first authorization still failing)
    const evalS: AgentState = {
      ...crafted,
      authorization: { status: 'EVAL MODE', authorizedOnce: false, compliance: [], nextAttemptAt: T },
      evaluation: { usedMs: 90 * DAY - HOUR, consumingSince: T - HOUR, lastWarningMs: HOUR },
    };
    const e = decide(evalS, { type: 'wake' }, T);
    expect(e.effects.map((x) => (x.type === 'event' ? x.event.name : x.type))).toEqual(['SMART_LIC-3-EVAL_EXPIRED', 'cssm-request', 'cssm-request']);
  });
});

describe('wake-ups and request ids', () => {
  it('a wake that arrives early or twice changes nothing', () => {
    const s = authorizedState();
    for (const t of [T0, T0 + DAY, T0 + 30 * DAY - 1]) expect(decide(s, { type: 'wake' }, t)).toEqual({ state: s, effects: [] });
    const once = decide(s, { type: 'wake' }, T0 + 30 * DAY);
    expect(decide(once.state, { type: 'wake' }, T0 + 30 * DAY)).toEqual({ state: once.state, effects: [] });
  });

  it('ignores unknown, stale and mismatched answers', () => {
    const s = authorizedState();
    expect(decide(s, { type: 'cssm-answer', requestId: '999', answer: authorizeOk(T0, USAGE) }, T0)).toEqual({ state: s, effects: [] });
    expect(decide(s, { type: 'cssm-failure', requestId: '1', reason: NO_PATH }, T0)).toEqual({ state: s, effects: [] });
    const a = decide(s, { type: 'renew', what: 'auth' }, T0 + HOUR);
    const b = decide(a.state, { type: 'renew', what: 'auth' }, T0 + HOUR);
    const stale = requestsOf(a.effects)[0].requestId;
    expect(decide(b.state, { type: 'cssm-answer', requestId: stale, answer: authorizeOk(T0, USAGE) }, T0 + HOUR).effects).toEqual([]);
    const fresh = requestsOf(b.effects)[0].requestId;
    expect(decide(b.state, { type: 'cssm-answer', requestId: fresh, answer: registerOk(T0) }, T0 + HOUR).effects).toEqual([]);
    expect(Number(fresh)).toBeGreaterThan(Number(stale));
  });
});

describe('commands', () => {
  it('set-usage validates tags and counts, sums duplicates and ignores a non-change', () => {
    const s = freshState();
    expect(decide(s, { type: 'set-usage', entitlements: [{ tag: 'FOO', count: 1 }] }, T0).effects[0]).toMatchObject({
      code: DomainRefusalCode.UNKNOWN_ENTITLEMENT,
      message: expect.stringContaining('NXOS_ADVANTAGE_XF'),
    });
    expect(decide(s, { type: 'set-usage', entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: -1 }] }, T0).effects[0]).toMatchObject({ code: DomainRefusalCode.INVALID_USAGE });
    const d = decide(s, { type: 'set-usage', entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }, { tag: 'NXOS_ADVANTAGE_XF', count: 2 }, { tag: 'NXOS_ESSENTIALS_GF', count: 0 }] }, T0);
    expect(d.state.entitlements).toEqual([{ tag: 'NXOS_ADVANTAGE_XF', count: 3 }]);
    expect(decide(d.state, { type: 'set-usage', entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 3 }] }, T0 + 1)).toEqual({ state: d.state, effects: [] });
  });

  it('renew requires registration', () => {
    expect(decide(freshState(), { type: 'renew', what: 'id' }, T0).effects[0]).toMatchObject({ code: DomainRefusalCode.NOT_REGISTERED });
  });

  it('disable drops the registration locally and stops retries; enable turns it back on', () => {
    const d = decide(authorizedState(), { type: 'disable' }, T0 + DAY);
    expect(eventNames(d.effects)).toEqual(['6-AGENT_DEREG_SUCCESS', '5-EVAL_START']);
    expect(d.state.registration.status).toBe('UNREGISTERED');
    expect(decide(d.state, { type: 'disable' }, T0 + DAY).effects).toEqual([]);
    const reg = settle(...(Object.values(run(freshState(), T0, { type: 'register', idToken: 't' })) as [AgentState, never]), T0, () => NO_PATH).state;
    const off = decide(reg, { type: 'disable' }, T0);
    expect(nextWakeup(off.state)).toBeNull();
    expect(decide(off.state, { type: 'enable' }, T0).state.smartLicensingEnabled).toBe(true);
  });

  it('an attempt due while Call Home is disabled fails on the switch without a message', () => {
    const s = run(authorizedState(), T0, { type: 'set-callhome', callhome: { ...CALLHOME, enabled: false } }).state;
    const d = decide(s, { type: 'wake' }, T0 + 30 * DAY);
    expect(requestsOf(d.effects)).toEqual([]);
    expect(eventNames(d.effects)).toEqual(['3-COMM_FAILED', '3-AUTH_RENEW_FAILED']);
    expect(d.state.authorization.lastCommunication?.reason).toBe(CALLHOME_FAILURE_REASONS.NO_PATH);
  });

  it('registration on the registration schedule keeps REGISTERING; answers are events of SPEC §13', () => {
    const { state, effects } = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 'tok' });
    const r = settle(state, effects, T0, (q) => (q.kind === 'register' ? registerOk(T0) : authorizeOk(T0, USAGE)));
    expect(eventNames(r.effects)).toEqual(['5-EVAL_START', '6-AGENT_REG_SUCCESS', '6-AUTH_RENEW_SUCCESS']);
    const ev = r.effects.flatMap((e) => (e.type === 'event' ? [e.event] : []));
    expect(ev[1].message).toContain('udi PID:N9K-C93180YC-FX,SN:FDO12345678');
    expect(ev.every((e) => e.at === new Date(T0).toISOString())).toBe(true);
    expect(r.state.evaluation.consumingSince).toBeNull();
  });
});
