import type { Baselines } from './baselines';
import { printTable } from './bench-table';

export function printBaselines(b: Baselines): void {
  printTable('Baselines (same run, same machine)', [
    ['PostgreSQL single-row update tx/s', b.pgUpdateTxPerSec],
    ['NATS request/reply per s', b.natsRequestReplyPerSec],
    ['JetStream publish per s', b.jetstreamPublishPerSec],
  ]);
}
