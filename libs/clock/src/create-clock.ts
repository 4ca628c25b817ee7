import type { NatsConnection } from '@nats-io/nats-core';
import { subjects, type FleetlicEnv } from '@fleetlic/contracts';
import { RealClock, type Clock } from './clock';
import { SimulatedClock } from './simulated-clock';
import { SimulatedClockOwner, type OwnerOptions } from './simulated-clock-owner';

export type ClockEnv = Pick<FleetlicEnv, 'FLEETLIC_CLOCK' | 'FLEETLIC_NAMESPACE'> & Partial<Pick<FleetlicEnv, 'FLEETLIC_START_TIME'>>;

/** The instant a fresh simulated clock starts at: FLEETLIC_START_TIME, else the wall clock. */
export function startInstant(env: ClockEnv): number {
  return env.FLEETLIC_START_TIME ? Date.parse(env.FLEETLIC_START_TIME) : Date.now();
}

/** The clock every service uses: wall clock, or a reader of the scheduler's simulated time. */
export async function createClock(env: ClockEnv, nc: NatsConnection): Promise<Clock> {
  if (env.FLEETLIC_CLOCK !== 'simulated') return new RealClock();
  return SimulatedClock.open(nc, subjects(env.FLEETLIC_NAMESPACE).clockBucket, startInstant(env));
}

/** The scheduler's clock: the wall clock, or the owner of the simulated one. */
export async function createOwnedClock(env: ClockEnv, nc: NatsConnection, opts?: OwnerOptions): Promise<RealClock | SimulatedClockOwner> {
  if (env.FLEETLIC_CLOCK !== 'simulated') return new RealClock();
  return SimulatedClockOwner.openOwner(nc, subjects(env.FLEETLIC_NAMESPACE).clockBucket, startInstant(env), opts);
}
