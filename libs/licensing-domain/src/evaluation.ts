import type { AgentState } from './agent-state';
import { DAY, HOUR } from './time';

/** 90 days of use, not of calendar (SPEC §4). */
export const EVALUATION_PERIOD_MS = 90 * DAY;

/** Remaining times at which a warning is due: 60, 30, 21, 14, 7, 6..1 days, then 23..1 hours. */
export const EVAL_WARNING_THRESHOLDS_MS: readonly number[] = [
  ...[60, 30, 21, 14, 7, 6, 5, 4, 3, 2, 1].map((d) => d * DAY),
  ...Array.from({ length: 23 }, (_, i) => (23 - i) * HOUR),
];

/** Evaluation used at `now`, counting the consumption under way; never above the period. */
export function evaluationUsedMs(state: AgentState, now: number): number {
  const { usedMs, consumingSince } = state.evaluation;
  const running = consumingSince === null ? 0 : Math.max(0, now - consumingSince);
  return Math.min(EVALUATION_PERIOD_MS, usedMs + running);
}

export function evaluationRemainingMs(state: AgentState, now: number): number {
  return EVALUATION_PERIOD_MS - evaluationUsedMs(state, now);
}

/** The switch is in evaluation: not both registered and authorized since it last became unregistered. */
export function inEvaluation(state: AgentState): boolean {
  return !(state.registration.status === 'REGISTERED' && state.authorization.authorizedOnce);
}

/** SPEC §4: consumed only in EVAL MODE with at least one license in use. */
export function shouldConsume(state: AgentState): boolean {
  return inEvaluation(state) && state.entitlements.length > 0 && state.evaluation.usedMs < EVALUATION_PERIOD_MS;
}

export type EvaluationTimer = { at: number; kind: 'warning'; thresholdMs: number } | { at: number; kind: 'end' };

/** The next warning or the end of the evaluation period, while it is being consumed. */
export function nextEvaluationTimer(state: AgentState): EvaluationTimer | null {
  const { usedMs, consumingSince, lastWarningMs } = state.evaluation;
  if (consumingSince === null) return null;
  const remainingAtStart = EVALUATION_PERIOD_MS - usedMs;
  const threshold = EVAL_WARNING_THRESHOLDS_MS.find((h) => h < (lastWarningMs ?? Infinity) && h <= remainingAtStart);
  if (threshold !== undefined) return { at: consumingSince + remainingAtStart - threshold, kind: 'warning', thresholdMs: threshold };
  return { at: consumingSince + remainingAtStart, kind: 'end' };
}

/** Remaining time as `87 days, 1 hr, 41 min`: each part rounded down, all three always shown. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  return `${days} days, ${hours} hr, ${total % 60} min`;
}
