import { ProcessedCommandPruner } from '../src/persistence/processed-command.pruner';
import { AgentHarness, startAgentHarness } from './agent-harness';

// The dedupe log of applied commands stays bounded: rows past the retention go, recent ones stay.
describe('processed command pruning', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness('prune');
  });
  afterAll(async () => h?.close());

  it('deletes only the commands applied before the retention, in batches', async () => {
    const outcome = JSON.stringify({ commandId: 'x', type: 'create', status: 'applied' });
    await h.db.query(
      `INSERT INTO processed_command (command_id, outcome, processed_at)
       SELECT 'old-' || g, $1::jsonb, now() - interval '25 hours' FROM generate_series(1, 12000) g
       UNION ALL SELECT 'new-' || g, $1::jsonb, now() - interval '23 hours' FROM generate_series(1, 10) g`,
      [outcome],
    );
    expect(await new ProcessedCommandPruner(h.db).prune()).toBe(12_000);
    const left: { command_id: string }[] = await h.db.query('SELECT command_id FROM processed_command ORDER BY command_id');
    expect(left.map((r) => r.command_id)).toEqual(Array.from({ length: 10 }, (_, i) => `new-${i + 1}`).sort());
  });
});
