import { advance, authorizedState, authorizeOk, eventNames, freshState, NO_PATH, registerOk, requestsOf, run, settle, T0, USAGE } from '../test/agent-harness';
import type { AgentInput } from './agent-io';
import type { AgentState } from './agent-state';
import { decide } from './decide';
import { DomainRefusalCode } from './domain-refusal';
import { nextWakeup } from './next-wakeup';
import { DAY, HOUR, MINUTE } from './time';

const fail = () => NO_PATH;

/** Collects the instants of the requests of one kind, answering them all with `answer`. */
function attemptInstants(state: AgentState, until: number, kind: string, answer = fail as (r: { kind: string }, now: number) => ReturnType<typeof fail> | ReturnType<typeof authorizeOk>) {
  const instants: number[] = [];
  advance(state, until, (r, now) => {
    if (r.kind === kind) instants.push(now);
    return answer(r, now);
  }, nextWakeup);
  return instants;
}

describe('SPEC §6 authorization', () => {
  it('in compliance: next +30 d, deadline = validity; renewals every 30 days', () => {
    const instants = attemptInstants(authorizedState(), T0 + 95 * DAY, 'authorize', (_r, now) => authorizeOk(now, USAGE));
    expect(instants).toEqual([30, 60, 90].map((d) => T0 + d * DAY));
  });

  it('out of compliance: next +24 h, OUT_OF_COMPLIANCE after AUTH_RENEW_SUCCESS', () => {
    let { state, effects } = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 'tok' });
    ({ state, effects } = settle(state, effects, T0, (r) => (r.kind === 'register' ? registerOk(T0) : authorizeOk(T0, USAGE, false))));
    expect(eventNames(effects).slice(-2)).toEqual(['6-AUTH_RENEW_SUCCESS', '3-OUT_OF_COMPLIANCE']);
    expect(state.authorization).toMatchObject({ status: 'OUT OF COMPLIANCE', nextAttemptAt: T0 + DAY, deadline: T0 + 90 * DAY });
  });

  it('failure from AUTHORIZED: t0 + 23 h × k, deadline unchanged', () => {
    const instants = attemptInstants(authorizedState(), T0 + 34 * DAY, 'authorize');
    expect(instants).toEqual([0, 1, 2, 3, 4].map((k) => T0 + 30 * DAY + 23 * HOUR * k));
  });

  it('failure from OUT OF COMPLIANCE: t0 + 15 min × k (k ≤ 8), then t0 + 2 h + 4 h × (k − 8)', () => {
    const t0 = T0 + DAY;
    const instants = attemptInstants(authorizedState(T0, USAGE, false), t0 + 14 * HOUR, 'authorize');
    expect(instants).toEqual([t0, ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => t0 + 15 * MINUTE * k), t0 + 6 * HOUR, t0 + 10 * HOUR, t0 + 14 * HOUR]);
  });

  it('at the deadline: AUTHORIZATION EXPIRED, the planned retry replaced by D + 1 h × k', () => {
    const s = authorizedState();
    const D = T0 + 90 * DAY;
    const { state, effects } = advance(s, D + 3 * HOUR, fail, nextWakeup);
    const names = eventNames(effects);
    expect(names.filter((n) => n === '3-AUTHORIZATION_EXPIRED')).toHaveLength(1);
    expect(state.authorization).toMatchObject({ status: 'AUTHORIZATION EXPIRED', since: D, nextAttemptAt: D + 4 * HOUR });
    const atD = effects.filter((e) => e.type === 'event' && Date.parse(e.event.at) >= D).map((e) => (e.type === 'event' ? `${e.event.name}@${(Date.parse(e.event.at) - D) / HOUR}` : ''));
    expect(atD).toEqual([
      'SMART_LIC-3-AUTHORIZATION_EXPIRED@0',
      ...[1, 2, 3].flatMap((h) => [`SMART_LIC-3-COMM_FAILED@${h}`, `SMART_LIC-3-AUTH_RENEW_FAILED@${h}`]),
    ]);
  });

  it('success after AUTHORIZATION EXPIRED: COMM_RESTORED, AUTHORIZED again', () => {
    const D = T0 + 90 * DAY;
    let { state } = advance(authorizedState(), D + HOUR, fail, nextWakeup);
    const r = advance(state, D + 2 * HOUR, (_r, now) => authorizeOk(now, USAGE), nextWakeup);
    state = r.state;
    expect(eventNames(r.effects)).toEqual(['5-COMM_RESTORED', '6-AUTH_RENEW_SUCCESS']);
    expect(state.authorization).toMatchObject({ status: 'AUTHORIZED', since: D + 2 * HOUR, deadline: D + 2 * HOUR + 90 * DAY });
  });

  it('a usage change or renew auth sends at once and starts a new series', () => {
    let { state } = advance(authorizedState(), T0 + 31 * DAY, fail, nextWakeup); // failed at day 30 and 30d+23h
    const t = T0 + 31 * DAY + HOUR;
    const inputs: AgentInput[] = [{ type: 'set-usage', entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 2 }] }, { type: 'renew', what: 'auth' }];
    for (const input of inputs) {
      const d = decide(state, input, t);
      const [req] = requestsOf(d.effects);
      expect(req.kind).toBe('authorize');
      const f = decide(d.state, { type: 'cssm-failure', requestId: req.requestId, reason: NO_PATH }, t);
      expect(f.state.authorization.nextAttemptAt).toBe(t + 23 * HOUR);
      state = f.state;
    }
  });

  it('no licenses in use: NO LICENSES IN USE with AUTHORIZED timers', () => {
    const s = authorizedState(T0, []);
    expect(s.authorization).toMatchObject({ status: 'NO LICENSES IN USE', nextAttemptAt: T0 + 30 * DAY });
  });
});

describe('SPEC §7 ID certificate', () => {
  it('renewal at +180 d; success sets the next attempt to now + 180 d and the new notAfter', () => {
    const { state, effects } = advance(authorizedState(), T0 + 180 * DAY, (r, now) =>
      r.kind === 'renew-id' ? { kind: 'renew-id', result: 'success', notAfter: now + 365 * DAY } : authorizeOk(now, USAGE),
    nextWakeup);
    expect(eventNames(effects)).toContain('6-ID_CERT_RENEW_SUCCESS');
    expect(state.registration).toMatchObject({ nextRenewalAt: T0 + 360 * DAY, certificate: { notAfter: T0 + 545 * DAY }, lastRenewal: { result: 'SUCCEEDED', at: T0 + 180 * DAY } });
  });

  it('a failed renewal is retried hourly; at notAfter UNREGISTERED, evaluation resumes', () => {
    const answer = (r: { kind: string }, now: number) => (r.kind === 'renew-id' ? NO_PATH : authorizeOk(now, USAGE));
    const instants = attemptInstants(authorizedState(), T0 + 180 * DAY + 3 * HOUR, 'renew-id', answer);
    expect(instants).toEqual([0, 1, 2, 3].map((h) => T0 + 180 * DAY + h * HOUR));
    // Late in the series (the full 185 days run in the simulation): only the last retries.
    const late = authorizedState();
    late.registration.nextRenewalAt = T0 + 365 * DAY - 2 * HOUR;
    late.authorization.deadline = T0 + 400 * DAY;
    late.authorization.nextAttemptAt = T0 + 370 * DAY;
    const { state, effects } = advance(late, T0 + 365 * DAY, answer, nextWakeup);
    expect(eventNames(effects)).toEqual(['3-COMM_FAILED', '3-ID_CERT_RENEW_FAILED', '3-COMM_FAILED', '3-ID_CERT_RENEW_FAILED', '3-ID_CERT_EXPIRED', '5-EVAL_START']);
    const tail = eventNames(effects).slice(-2);
    expect(tail).toEqual(['3-ID_CERT_EXPIRED', '5-EVAL_START']);
    expect(state.registration.status).toBe('UNREGISTERED');
    expect(state.authorization.status).toBe('EVAL MODE');
    expect(nextWakeup(state)).toBe(T0 + 365 * DAY + 30 * DAY); // 60 days remaining warning
  });

  it('renew id on request, refused: ID_CERT_RENEW_FAILED without COMM_FAILED', () => {
    const d = decide(authorizedState(), { type: 'renew', what: 'id' }, T0 + DAY);
    const r = settle(d.state, d.effects, T0 + DAY, (q) => ({ kind: q.kind, result: 'refused', code: 'X', reason: 'The ID certificate has been revoked' }));
    expect(eventNames(r.effects)).toEqual(['3-ID_CERT_RENEW_FAILED']);
    expect(r.state.registration.nextRenewalAt).toBe(T0 + DAY + HOUR);
  });
});

describe('SPEC §8 deregistration', () => {
  it.each([
    ['reached', (r: { kind: string }) => ({ kind: r.kind, result: 'success' }) as never, true],
    ['unreachable', () => NO_PATH, false],
  ] as const)('CSSM %s: UNREGISTERED / EVAL, event says whether CSSM was reached', (_n, answer, reached) => {
    const d = decide(authorizedState(), { type: 'deregister' }, T0 + DAY);
    expect(requestsOf(d.effects)).toEqual([{ requestId: expect.any(String), kind: 'deregister' }]);
    const r = settle(d.state, d.effects, T0 + DAY, answer);
    const dereg = r.effects.find((e) => e.type === 'event' && e.event.name === 'SMART_LIC-6-AGENT_DEREG_SUCCESS');
    expect(dereg).toMatchObject({ event: { data: { cssmReached: reached } } });
    expect(r.state.registration).toEqual({ status: 'UNREGISTERED', exportControlled: false });
    expect(r.state.authorization.status).toBe('EVAL MODE');
    expect(r.state.evaluation.consumingSince).toBe(T0 + DAY);
  });

  it('deregister when not registered is refused; while registering it cancels locally', () => {
    expect(decide(freshState(), { type: 'deregister' }, T0).effects[0]).toMatchObject({ code: DomainRefusalCode.NOT_REGISTERED });
    const reg = run(freshState(), T0, { type: 'register', idToken: 't' }).state;
    const d = decide(reg, { type: 'deregister' }, T0);
    expect(d.state.registration.status).toBe('UNREGISTERED');
    expect(d.state.pending).toEqual([]);
  });
});
