import type { AgentEffect, AgentInput } from './agent-io';
import type { AgentState } from './agent-state';
import { applyCommand } from './commands.handler';
import { LicensingDomainError } from './domain-refusal';
import { applyAnswer, applyFailure } from './cssm-outcome.handler';
import { runTimer } from './timer.handler';
import { firstTimer } from './timers';
import { syncEvaluation, type Ctx } from './transitions';

export interface Decision {
  state: AgentState;
  effects: AgentEffect[];
}

/** Bounds the catch-up loop; a year of hourly retries is ~9000 timers. */
const MAX_TIMERS_PER_DECISION = 1_000_000;

function copy(state: AgentState): AgentState {
  return JSON.parse(JSON.stringify(state)) as AgentState;
}

/** Runs every timer due at or before now, each at its own instant, in SPEC §0's order. */
function catchUp(ctx: Ctx, now: number): void {
  for (let i = 0; i < MAX_TIMERS_PER_DECISION; i++) {
    const timer = firstTimer(ctx.s);
    if (!timer || timer.at > now) return;
    runTimer(ctx, timer);
    syncEvaluation(ctx, timer.at);
  }
  throw new Error('licensing-domain: timers do not advance (bug)');
}

/**
 * The agent's one transition: first everything due up to now, then the input. Refused
 * commands leave the state unchanged; outcomes for unknown or stale request ids are ignored.
 */
export function decide(state: AgentState, input: AgentInput, now: number): Decision {
  const ctx: Ctx = { s: copy(state), effects: [], fail: applyFailure };
  catchUp(ctx, now);
  switch (input.type) {
    case 'wake':
      break;
    case 'cssm-answer':
      applyAnswer(ctx, input.requestId, input.answer, now);
      break;
    case 'cssm-failure':
      applyFailure(ctx, input.requestId, input.reason, now);
      break;
    default: {
      const before = { s: copy(ctx.s), effects: [...ctx.effects] };
      try {
        applyCommand(ctx, input, now);
      } catch (e) {
        if (!(e instanceof LicensingDomainError)) throw e;
        return { state: before.s, effects: [...before.effects, { type: 'refused', code: e.code, message: e.message }] };
      }
    }
  }
  syncEvaluation(ctx, now);
  return { state: ctx.s, effects: ctx.effects };
}
