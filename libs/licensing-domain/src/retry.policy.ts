import type { RetrySeriesKind } from './agent-state';
import { HOUR, MINUTE } from './time';

/**
 * The instant of retry k (k ≥ 1) of a failure series that started at t0 (SPEC §5–§7).
 * For `authorization-expired`, t0 is the Communication Deadline D.
 */
export function retryInstant(kind: RetrySeriesKind, t0: number, k: number): number {
  switch (kind) {
    case 'registration':
    case 'first-authorization':
      return k <= 16 ? t0 + 15 * MINUTE * k : t0 + 4 * HOUR + HOUR * (k - 16);
    case 'authorized':
      return t0 + 23 * HOUR * k;
    case 'out-of-compliance':
      return k <= 8 ? t0 + 15 * MINUTE * k : t0 + 2 * HOUR + 4 * HOUR * (k - 8);
    case 'authorization-expired':
    case 'id-certificate':
      return t0 + HOUR * k;
  }
}
