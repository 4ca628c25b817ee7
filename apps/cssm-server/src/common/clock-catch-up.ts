import type { NextFunction, Request, Response } from 'express';
import { logger } from '@fleetlic/telemetry';
import type { CssmClock } from './injection-tokens';

/** The APIs people and their tools call; device messages carry their own `Fleetlic-Time`. */
const PEOPLE_APIS = /^\/(admin|services)\//;

/**
 * On the simulated clock, reads the stored instant before answering the account and admin APIs.
 * The KV watch that keeps the clock in memory can trail the scheduler's reply to an advance by a
 * few milliseconds under load, and a caller who advanced the clock and then asks for an On-Prem
 * account's sync alert or a token's status must get the answer at the new time. One KV read per
 * such request, simulated clock only; if NATS does not answer, the request goes on with the
 * instant in memory.
 */
export function clockCatchUp(clock: CssmClock) {
  const refresh = clock.refresh?.bind(clock);
  return function catchUpWithTheClock(req: Request, _res: Response, next: NextFunction): void {
    if (!refresh || !PEOPLE_APIS.test(req.path)) return next();
    refresh().then(
      () => next(),
      (err: unknown) => {
        logger.warn('could not read the simulated clock; answering at the instant in memory', { error: String(err) });
        next();
      },
    );
  };
}
