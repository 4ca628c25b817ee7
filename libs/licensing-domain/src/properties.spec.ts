import fc from 'fast-check';
import { authorizedState, authorizeOk, freshState, NO_PATH, registerOk, T0, USAGE } from '../test/agent-harness';
import type { AgentInput } from './agent-io';
import type { AgentState, RetrySeriesKind } from './agent-state';
import { decide } from './decide';
import { EVALUATION_PERIOD_MS, evaluationUsedMs } from './evaluation';
import { nextWakeup } from './next-wakeup';
import { retryInstant } from './retry.policy';
import { DAY, HOUR, MINUTE } from './time';
import { nextSeries } from './transitions';

/** A random operator/network history: commands, and for each request a success or a failure. */
const step = fc.record({
  dt: fc.integer({ min: 0, max: 20 * DAY }),
  input: fc.oneof(
    fc.constant<AgentInput>({ type: 'wake' }),
    fc.constant<AgentInput>({ type: 'wake' }),
    fc.constant<AgentInput>({ type: 'register', idToken: 'tok' }),
    fc.constant<AgentInput>({ type: 'register', idToken: 'tok', force: true }),
    fc.constant<AgentInput>({ type: 'deregister' }),
    fc.constant<AgentInput>({ type: 'renew', what: 'auth' }),
    fc.constant<AgentInput>({ type: 'renew', what: 'id' }),
    fc.constant<AgentInput>({ type: 'disable' }),
    fc.constant<AgentInput>({ type: 'enable' }),
    fc.constant<AgentInput>({ type: 'set-usage', entitlements: [] }),
    fc.constant<AgentInput>({ type: 'set-usage', entitlements: USAGE }),
  ),
  outcome: fc.constantFrom('ok', 'ooc', 'fail', 'refuse'),
});

function play(steps: { dt: number; input: AgentInput; outcome: string }[], check: (before: AgentState, after: AgentState, now: number) => void) {
  let state = freshState();
  let now = T0;
  for (const { dt, input, outcome } of steps) {
    // Wake at every due instant on the way, as the scheduler does.
    const target = now + dt;
    for (let w = nextWakeup(state); w !== null && w <= target; w = nextWakeup(state)) {
      const before = state;
      state = apply(state, { type: 'wake' }, w, outcome);
      check(before, state, w);
      now = w;
    }
    now = target;
    const before = state;
    state = apply(state, input, now, outcome);
    check(before, state, now);
  }
}

function apply(state: AgentState, input: AgentInput, now: number, outcome: string): AgentState {
  const d = decide(state, input, now);
  state = d.state;
  const queue = d.effects.flatMap((e) => (e.type === 'cssm-request' ? [e.request] : []));
  while (queue.length) {
    const r = queue.shift()!;
    const next: AgentInput =
      outcome === 'fail'
        ? { type: 'cssm-failure', requestId: r.requestId, reason: NO_PATH }
        : outcome === 'refuse'
          ? { type: 'cssm-answer', requestId: r.requestId, answer: { kind: r.kind, result: 'refused', code: 'X', reason: 'refused' } }
          : { type: 'cssm-answer', requestId: r.requestId, answer: r.kind === 'register' ? registerOk(now) : r.kind === 'authorize' ? authorizeOk(now, USAGE, outcome === 'ok') : r.kind === 'renew-id' ? { kind: 'renew-id', result: 'success', notAfter: now + 365 * DAY } : { kind: 'deregister', result: 'success' } };
    const o = decide(state, next, now);
    state = o.state;
    queue.push(...o.effects.flatMap((e) => (e.type === 'cssm-request' ? [e.request] : [])));
  }
  return state;
}

describe('properties', () => {
  it('a wake-up is never in the past, and the state stays JSON', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        play(steps, (_b, after, now) => {
          const w = nextWakeup(after);
          if (w !== null) expect(w).toBeGreaterThan(now);
          expect(JSON.parse(JSON.stringify(after))).toEqual(after);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('evaluation used never decreases nor exceeds 90 days', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let last = 0;
        play(steps, (_b, after, now) => {
          const used = evaluationUsedMs(after, now);
          expect(used).toBeGreaterThanOrEqual(last);
          expect(used).toBeLessThanOrEqual(EVALUATION_PERIOD_MS);
          last = used;
        });
      }),
      { numRuns: 100 },
    );
  });

  it('a wake at any instant before the next wake-up changes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY - 1 }), (dt) => {
        const s = authorizedState();
        expect(decide(s, { type: 'wake' }, T0 + dt)).toEqual({ state: s, effects: [] });
      }),
    );
  });

  const kinds: RetrySeriesKind[] = ['registration', 'first-authorization', 'authorized', 'out-of-compliance', 'authorization-expired', 'id-certificate'];
  const expected = (kind: RetrySeriesKind, t0: number, k: number): number => {
    if (kind === 'registration' || kind === 'first-authorization') return k <= 16 ? t0 + k * 15 * MINUTE : t0 + (k - 12) * HOUR;
    if (kind === 'authorized') return t0 + k * 23 * HOUR;
    if (kind === 'out-of-compliance') return k <= 8 ? t0 + k * 15 * MINUTE : t0 + (4 * k - 30) * HOUR;
    return t0 + k * HOUR;
  };

  it('retry instants follow the policy for any failure start', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: 1, max: 500 }), (kind, t0, k) => {
        expect(retryInstant(kind, t0, k)).toBe(expected(kind, t0, k));
        expect(retryInstant(kind, t0, k + 1)).toBeGreaterThan(retryInstant(kind, t0, k));
      }),
    );
  });

  it('a series continues with k + 1, restarts on a new kind, and never plans in the past', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10 * DAY }), (kind, t0, late) => {
        const first = nextSeries(undefined, kind, t0, t0);
        expect(first).toEqual({ kind, t0, k: 1 });
        expect(nextSeries(first, kind, 0, t0).k).toBe(2);
        expect(nextSeries(first, kind === 'authorized' ? 'registration' : 'authorized', t0 + 5, t0 + 5)).toMatchObject({ t0: t0 + 5, k: 1 });
        const s = nextSeries(first, kind, t0, t0 + late);
        expect(retryInstant(s.kind, s.t0, s.k)).toBeGreaterThan(t0 + late);
      }),
    );
  });
});
