import { Injectable } from '@nestjs/common';
import { logger } from '@fleetlic/telemetry';
import { FleetReadRepository, type StateCount } from './fleet-read.repository';

/** A value older than this is refreshed in the background while the old one is served. */
const FRESH_MS = 1_000;
/** A value older than this is not served: the caller waits for the query. */
const MAX_AGE_MS = 10_000;

/**
 * The (registration, authorization) counts: the one part of the summary that must visit every
 * row (about 25 ms at 100k switches). Served from memory, refreshed at most once a second by one
 * query at a time, so the summary and the `fleetlic_switches` gauge cost an index lookup or
 * nothing. The projection itself is eventually consistent; a second more changes no decision.
 */
@Injectable()
export class FleetStateCache {
  private value?: { counts: StateCount[]; at: number };
  private inflight?: Promise<StateCount[]>;

  constructor(private readonly reads: FleetReadRepository) {}

  async counts(): Promise<StateCount[]> {
    const age = this.value ? Date.now() - this.value.at : Infinity;
    if (age < FRESH_MS) return this.value!.counts;
    const refresh = this.refresh();
    if (age < MAX_AGE_MS) {
      refresh.catch((err: Error) => logger.warn('fleet state counts not refreshed', { error: err.message }));
      return this.value!.counts;
    }
    return refresh;
  }

  /** Forget the cached counts (after the caller changed the fleet and wants to read its own write). */
  invalidate(): void {
    this.value = undefined;
  }

  private refresh(): Promise<StateCount[]> {
    this.inflight ??= this.reads
      .stateCounts()
      .then((counts) => {
        this.value = { counts, at: Date.now() };
        return counts;
      })
      .finally(() => (this.inflight = undefined));
    return this.inflight;
  }
}
