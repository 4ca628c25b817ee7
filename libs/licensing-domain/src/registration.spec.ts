import { advance, authorizedState, authorizeOk, eventNames, freshState, NO_PATH, registerOk, requestsOf, run, settle, T0, USAGE } from '../test/agent-harness';
import type { AgentState } from './agent-state';
import { decide } from './decide';
import { DomainRefusalCode } from './domain-refusal';
import { nextWakeup } from './next-wakeup';
import { DAY, formatShowDate, HOUR, MINUTE } from './time';

const fail = () => NO_PATH;
const show = (ms: number | undefined) => (ms === undefined ? undefined : formatShowDate(ms));

/** Collects the instants of the requests of one kind, answering them all with `answer`. */
function attemptInstants(state: AgentState, until: number, kind: string, answer = fail as (r: { kind: string }, now: number) => ReturnType<typeof fail> | ReturnType<typeof authorizeOk>) {
  const instants: number[] = [];
  advance(state, until, (r, now) => {
    if (r.kind === kind) instants.push(now);
    return answer(r, now);
  }, nextWakeup);
  return instants;
}

describe('SPEC §5 registration', () => {
  it("the source's example: registered Jun 22 16:15:41 2022", () => {
    const s = authorizedState();
    expect(show(s.registration.nextRenewalAt)).toBe('Dec 19 16:15:41 2022 UTC');
    expect(show(s.registration.certificate?.notAfter)).toBe('Jun 22 16:15:41 2023 UTC');
    expect(show(s.authorization.nextAttemptAt)).toBe('Jul 22 16:15:41 2022 UTC');
    expect(show(s.authorization.deadline)).toBe('Sep 20 16:15:41 2022 UTC');
    expect(s.authorization.status).toBe('AUTHORIZED');
  });

  const refusals: [string, (s: AgentState) => AgentState, object, DomainRefusalCode][] = [
    ['Smart Licensing disabled', (s) => ({ ...s, smartLicensingEnabled: false }), { idToken: 't' }, DomainRefusalCode.SMART_LICENSING_DISABLED],
    ['Call Home disabled', (s) => ({ ...s, callhome: { ...s.callhome!, enabled: false } }), { idToken: 't' }, DomainRefusalCode.SMART_LICENSING_DISABLED],
    ['no destination', (s) => ({ ...s, callhome: { ...s.callhome!, destinationUrl: '' } }), { idToken: 't' }, DomainRefusalCode.SMART_LICENSING_DISABLED],
    ['unsupported platform', (s) => ({ ...s, identity: { ...s.identity, pid: 'N3K-C3064PQ-10GX' } }), { idToken: 't' }, DomainRefusalCode.UNSUPPORTED_PLATFORM],
    ['unsupported release', (s) => ({ ...s, identity: { ...s.identity, nxosVersion: '9.3(2)' } }), { idToken: 't' }, DomainRefusalCode.UNSUPPORTED_RELEASE],
    ['empty token', (s) => s, { idToken: '  ' }, DomainRefusalCode.EMPTY_ID_TOKEN],
    ['already registered', () => authorizedState(), { idToken: 't' }, DomainRefusalCode.ALREADY_REGISTERED],
  ];
  it.each(refusals)('refuses registration: %s, state unchanged, nothing sent', (_name, prepare, body, code) => {
    const s = prepare(freshState());
    const d = decide(s, { type: 'register', ...(body as { idToken: string }) }, T0);
    expect(d.effects).toEqual([expect.objectContaining({ type: 'refused', code })]);
    expect(d.state).toEqual(s);
  });

  it('retries a communication failure at t0 + 15 min × k (k ≤ 16), then t0 + 4 h + 1 h × (k − 16)', () => {
    let { state, effects } = run(freshState(), T0, { type: 'register', idToken: 'tok' });
    ({ state, effects } = settle(state, effects, T0, fail));
    expect(eventNames(effects)).toEqual(['3-COMM_FAILED', '3-AGENT_REG_FAILED']);
    expect(state.registration.status).toBe('REGISTERING');
    const instants = attemptInstants(state, T0 + 8 * HOUR, 'register');
    const expected = [...Array.from({ length: 16 }, (_, i) => T0 + 15 * MINUTE * (i + 1)), ...[5, 6, 7, 8].map((h) => T0 + h * HOUR)];
    expect(instants).toEqual(expected);
  });

  it('a refusal ends in REGISTRATION FAILED with the reason and is not retried', () => {
    let { state, effects } = run(freshState(), T0, { type: 'register', idToken: 'tok' });
    ({ state, effects } = settle(state, effects, T0, (r) => ({ kind: r.kind, result: 'refused', code: 'TOKEN_EXPIRED', reason: 'The ID token has expired' })));
    expect(state.registration.status).toBe('UNREGISTERED - REGISTRATION FAILED');
    expect(state.registration.initial).toEqual({ result: 'FAILED', at: T0, reason: 'The ID token has expired' });
    expect(eventNames(effects)).toEqual(['3-AGENT_REG_FAILED']);
    expect(nextWakeup(state)).toBeNull();
  });

  it('success after failures: COMM_RESTORED, AGENT_REG_SUCCESS, then the first authorization at once', () => {
    const first = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 'tok' });
    const { state } = settle(first.state, first.effects, T0, fail);
    const t = T0 + 15 * MINUTE;
    const d = decide(state, { type: 'wake' }, t);
    const [req] = requestsOf(d.effects);
    expect(req).toEqual({ requestId: expect.any(String), kind: 'register', idToken: 'tok' });
    const ok = decide(d.state, { type: 'cssm-answer', requestId: req.requestId, answer: registerOk(t) }, t);
    expect(eventNames(ok.effects)).toEqual(['5-COMM_RESTORED', '6-AGENT_REG_SUCCESS']);
    expect(requestsOf(ok.effects)).toEqual([{ requestId: expect.any(String), kind: 'authorize', entitlements: USAGE }]);
    expect(ok.state.registration).toMatchObject({ status: 'REGISTERED', nextRenewalAt: t + 180 * DAY, initial: { result: 'SUCCEEDED', at: t } });
  });

  it('the first authorization is retried on the registration schedule, staying in EVAL MODE', () => {
    let { state, effects } = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 'tok' });
    ({ state, effects } = settle(state, effects, T0, (r) => (r.kind === 'register' ? registerOk(T0) : NO_PATH)));
    expect(eventNames(effects)).toEqual(['5-EVAL_START', '6-AGENT_REG_SUCCESS', '3-COMM_FAILED', '3-AUTH_RENEW_FAILED']);
    expect(state.authorization.status).toBe('EVAL MODE');
    const instants = attemptInstants(state, T0 + 6 * HOUR, 'authorize');
    expect(instants.slice(0, 3)).toEqual([T0 + 15 * MINUTE, T0 + 30 * MINUTE, T0 + 45 * MINUTE]);
    expect(instants.slice(15)).toEqual([T0 + 4 * HOUR, T0 + 5 * HOUR, T0 + 6 * HOUR]);
  });

  it('register while REGISTERING restarts with the new token; force re-registers a registered switch', () => {
    let { state } = settle(...Object.values(run(freshState(), T0, { type: 'register', idToken: 'a' })) as [AgentState, never], T0, fail);
    const again = decide(state, { type: 'register', idToken: 'b' }, T0 + MINUTE);
    expect(requestsOf(again.effects)[0].idToken).toBe('b');
    state = authorizedState();
    const forced = decide(state, { type: 'register', idToken: 'c', force: true }, T0 + DAY);
    expect(requestsOf(forced.effects)[0]).toMatchObject({ kind: 'register', idToken: 'c' });
    const refused = settle(forced.state, forced.effects, T0 + DAY, (r) => ({ kind: r.kind, result: 'refused', code: 'X', reason: 'The ID token has expired' }));
    expect(refused.state.registration.status).toBe('REGISTERED'); // a failed forced re-registration keeps the old one
    const failed = settle(forced.state, forced.effects, T0 + DAY, fail);
    expect(eventNames(failed.effects)).toEqual(['3-COMM_FAILED', '3-AGENT_REG_FAILED']);
    expect(failed.state.registration.status).toBe('REGISTERED');
    const ok = settle(forced.state, forced.effects, T0 + DAY, (r) => (r.kind === 'register' ? registerOk(T0 + DAY) : authorizeOk(T0 + DAY, USAGE)));
    expect(ok.state.registration.nextRenewalAt).toBe(T0 + 181 * DAY);
    expect(ok.state.authorization.deadline).toBe(T0 + 91 * DAY);
  });
});
