import { advance, authorizedState, eventNames, freshState, NO_PATH, run, T0, USAGE } from '../test/agent-harness';
import { decide } from './decide';
import { EVAL_WARNING_THRESHOLDS_MS, evaluationRemainingMs, evaluationUsedMs, formatRemaining } from './evaluation';
import { nextWakeup } from './next-wakeup';
import { DAY, HOUR, MINUTE } from './time';

describe('SPEC §4 evaluation', () => {
  it('warns at 60, 30, 21, 14, 7, 6..1 days, 23..1 hours remaining, then expires at 90 days of use', () => {
    const s = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }).state;
    const { state, effects } = advance(s, T0 + 100 * DAY, () => NO_PATH, nextWakeup);
    const events = effects.flatMap((e) => (e.type === 'event' ? [e.event] : []));
    const warnings = events.filter((e) => e.name === 'SMART_LIC-4-EVAL_EXPIRY_WARNING');
    expect(warnings.map((w) => Date.parse(w.at))).toEqual(EVAL_WARNING_THRESHOLDS_MS.map((h) => T0 + 90 * DAY - h));
    expect(warnings[0].message).toBe('Evaluation period will expire in 60 days');
    expect(warnings.at(-1)?.message).toBe('Evaluation period will expire in 1 hours');
    expect(events.at(-1)).toMatchObject({ name: 'SMART_LIC-3-EVAL_EXPIRED', at: new Date(T0 + 90 * DAY).toISOString() });
    expect(state.authorization).toMatchObject({ status: 'EVAL EXPIRED', since: T0 + 90 * DAY });
    expect(nextWakeup(state)).toBeNull();
    expect(evaluationRemainingMs(state, T0 + 200 * DAY)).toBe(0);
  });

  it('is consumed only with a license in use, and resumes where it stopped', () => {
    let s = freshState();
    expect(nextWakeup(s)).toBeNull();
    const start = run(s, T0, { type: 'set-usage', entitlements: USAGE });
    expect(eventNames(start.effects)).toEqual(['5-EVAL_START']);
    s = run(start.state, T0 + 10 * DAY, { type: 'set-usage', entitlements: [] }).state;
    expect(evaluationUsedMs(s, T0 + 50 * DAY)).toBe(10 * DAY);
    s = run(s, T0 + 50 * DAY, { type: 'set-usage', entitlements: USAGE }).state;
    expect(evaluationUsedMs(s, T0 + 60 * DAY)).toBe(20 * DAY);
    expect(nextWakeup(s)).toBe(T0 + 50 * DAY + 20 * DAY); // 60 days left at 30 days used
  });

  it('is not consumed while registered and authorized; resumes after deregistration', () => {
    let s = run(freshState(T0 - 5 * DAY), T0 - 5 * DAY, { type: 'set-usage', entitlements: USAGE }).state;
    s = { ...authorizedState(), evaluation: decide(s, { type: 'wake' }, T0).state.evaluation };
    s = decide(s, { type: 'wake' }, T0).state;
    expect(evaluationUsedMs(s, T0 + 40 * DAY)).toBe(5 * DAY);
  });

  it('formats remaining time rounded down, all three parts always shown', () => {
    expect(formatRemaining(87 * DAY + HOUR + 41 * MINUTE + 59_999)).toBe('87 days, 1 hr, 41 min');
    expect(formatRemaining(0)).toBe('0 days, 0 hr, 0 min');
    expect(formatRemaining(-5)).toBe('0 days, 0 hr, 0 min');
    expect(formatRemaining(DAY)).toBe('1 days, 0 hr, 0 min');
  });
});
