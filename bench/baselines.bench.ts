import { measureBaselines } from './baselines';
import { printTable } from './bench-table';

/** `npm run bench -- baselines`: the machine's own bounds, printed alone. */
async function main() {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const b = await measureBaselines(databaseUrl, natsUrl);
  printTable('Baselines on this machine', [
    ['PostgreSQL single-row update tx/s', b.pgUpdateTxPerSec],
    ['NATS request/reply per s', b.natsRequestReplyPerSec],
    ['JetStream publish per s', b.jetstreamPublishPerSec],
  ]);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
