import { call, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server compliance under concurrency (SPEC §9)', () => {
  let h: Harness;
  let switches: SimulatedSwitch[];

  beforeAll(async () => {
    h = await startHarness();
    const acct = await h.account('race.example.com', 'Default', { NXOS_ADVANTAGE_GF: 5 });
    switches = Array.from({ length: 10 }, (_, i) => new SimulatedSwitch(h.url, 'N9K-C93108TC-FX', `RACE${i}`));
    for (const s of switches) expect((await s.register(await acct.token())).body.status).toBe('SUCCESS');
  });
  afterAll(() => h.close());

  it('ten switches racing for five licenses: exactly five are told they are in compliance', async () => {
    const answers = await Promise.all(switches.map((s) => s.authorize([{ tag: 'NXOS_ADVANTAGE_GF', count: 1 }])));
    expect(answers.every((a) => a.body.status === 'SUCCESS')).toBe(true);
    expect(answers.filter((a) => a.body.inCompliance)).toHaveLength(5);
    expect(answers.filter((a) => !a.body.inCompliance)).toHaveLength(5);

    const pools = await call('GET', `${h.url}/admin/api/v1/accounts/race.example.com/virtual-accounts/Default/licenses`, await h.bearer());
    expect(pools.body.licenses).toEqual([{ tag: 'NXOS_ADVANTAGE_GF', name: 'NX-OS Advantage GF', purchased: 5, inUse: 10, balance: -5 }]);
  });

  it('five registrations racing for a token with two uses left: exactly two succeed', async () => {
    const acct = await h.account('token-race.example.com', 'Default');
    const token = await acct.token({ maxUses: 2 });
    const racers = Array.from({ length: 5 }, (_, i) => new SimulatedSwitch(h.url, 'N9K-C93108TC-FX', `TOKEN${i}`));
    const answers = await Promise.all(racers.map((s) => s.register(token)));
    expect(answers.filter((a) => a.body.status === 'SUCCESS')).toHaveLength(2);
    expect(answers.filter((a) => a.body.code === 'TOKEN_EXHAUSTED')).toHaveLength(3);
  });

  it('after five switches drop their usage, the others are in compliance again', async () => {
    await Promise.all(switches.slice(0, 5).map((s) => s.authorize([])));
    const answers = await Promise.all(switches.slice(5).map((s) => s.authorize([{ tag: 'NXOS_ADVANTAGE_GF', count: 1 }])));
    expect(answers.every((a) => a.body.inCompliance)).toBe(true);
  });
});
