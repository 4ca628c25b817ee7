import { parse, stringify } from 'yaml';
import { ADMIN, cloudVa, fileSync, OnpremFleet, startOnpremStack, type Answer, type OnpremStack } from './onprem-stack';

// Issue 9 system test 3: each bad sync file (another account's, replayed or old, tampered) is
// refused through the HTTP APIs of the real processes with its code, and changes nothing: the
// counts and the sync tables of both servers are the same before and after.
const ESS = 'NXOS_ESSENTIALS_XF';
let s: OnpremStack;

beforeAll(async () => {
  s = await startOnpremStack({ upstream: false });
  await cloudVa(s.cloud, 'Default', { [ESS]: 10 });
  await cloudVa(s.cloud, 'Lab5', { [ESS]: 5 });
  for (const [name, va] of [
    ['lab4', 'Default'],
    ['lab5', 'Lab5'],
  ]) {
    const registered = await s.cloud.raw('POST', `${ADMIN}/onprem-accounts`, { name, domain: 'demo.example.com', virtualAccount: va });
    expect(registered.status, registered.text).toBe(201);
    const local = await s.onprem.raw('POST', `${ADMIN}/onprem-accounts`, { name, domain: 'demo.example.com', virtualAccount: va, syncKey: registered.body.syncKey });
    expect(local.status, local.text).toBe(201);
    await fileSync(s, name);
  }
  const fleet = await OnpremFleet.create(s, 'bad', 3);
  const token = await s.onprem.idToken('Default');
  await fleet.each(async (name) => {
    await fleet.setUsage(name, { [ESS]: 2 });
    await fleet.register(name, token);
  });
  await fileSync(s, 'lab4');
  expect(await s.cloud.inUse('Default')).toEqual({ [ESS]: 6 });
});
afterAll(async () => {
  await s?.stack.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') s?.stack.dumpLogs();
});

const download = async (account: string) => {
  const res = await s.onprem.yaml('GET', `${ADMIN}/sync/request?account=${account}`);
  expect(res.status, res.text).toBe(200);
  return res.text;
};
const upload = (yaml: string, account?: string) => s.cloud.yaml('POST', `${ADMIN}/sync/file${account ? `?account=${account}` : ''}`, yaml);
const importResponse = (yaml: string, account?: string) => s.onprem.yaml('POST', `${ADMIN}/sync/response${account ? `?account=${account}` : ''}`, yaml, 'text/yaml');
const answered = async (request: string) => {
  const res = await upload(request);
  expect(res.status, res.text).toBe(200);
  return res.text;
};

/** Everything both servers show of licenses and syncs. */
async function state() {
  return {
    cloud: { Default: await s.cloud.pools('Default'), Lab5: await s.cloud.pools('Lab5'), accounts: await s.cloud.onpremAccounts() },
    onprem: { Default: await s.onprem.pools('Default'), Lab5: await s.onprem.pools('Lab5'), accounts: await s.onprem.onpremAccounts() },
  };
}

async function expectRefused(send: () => Promise<Answer>, status: number, code: string, reason: RegExp) {
  const before = await state();
  const res = await send();
  expect(res.status, res.text).toBe(status);
  expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(reason) });
  expect(await state()).toEqual(before);
}

it('refuses a file of another account on both sides', async () => {
  const lab4Request = await download('lab4');
  await expectRefused(() => upload(lab4Request, 'lab5'), 409, 'SYNC_WRONG_ACCOUNT', /belongs to On-Prem account "lab4", not "lab5"/);
  const lab5Response = await answered(await download('lab5'));
  await expectRefused(() => importResponse(lab5Response, 'lab4'), 409, 'SYNC_WRONG_ACCOUNT', /is for On-Prem account "lab5", not "lab4"/);
  // Relabelled as lab4's without its key: the signature gives it away.
  const relabelled = stringify({ ...parse(lab5Response), account: 'lab4' });
  await expectRefused(() => importResponse(relabelled), 422, 'SYNC_SIGNATURE_INVALID', /lab4/);
});

it('refuses a replayed or old request on the cloud, and a replayed or old response on the On-Prem', async () => {
  const older = await download('lab4');
  const newer = await download('lab4');
  const response = await answered(newer);
  await expectRefused(() => upload(newer), 409, 'SYNC_REPLAYED', /old or was already imported/);
  await expectRefused(() => upload(older), 409, 'SYNC_REPLAYED', /old or was already imported/);
  expect((await importResponse(response)).status).toBe(200);
  await expectRefused(() => importResponse(response), 409, 'SYNC_REPLAYED', /old or was already imported/);
  // A response from an earlier round (kept on disk) after a newer one was imported.
  const round1 = await answered(await download('lab4'));
  const round2 = await answered(await download('lab4'));
  expect((await importResponse(round2)).status).toBe(200);
  await expectRefused(() => importResponse(round1), 409, 'SYNC_REPLAYED', /old or was already imported/);
});

it('refuses a tampered request or response', async () => {
  const request = parse(await download('lab4'));
  request.instances[0].usage[0].count = 0; // hide usage from the cloud
  await expectRefused(() => upload(stringify(request)), 422, 'SYNC_SIGNATURE_INVALID', /changed after it was generated/);
  const dropped = parse(await download('lab4'));
  dropped.instances.pop(); // hide a switch
  await expectRefused(() => upload(stringify(dropped)), 422, 'SYNC_SIGNATURE_INVALID', /changed after it was generated/);
  const response = parse(await answered(await download('lab4')));
  response.pools[0].available = 1000; // more licenses than bought
  await expectRefused(() => importResponse(stringify(response)), 422, 'SYNC_SIGNATURE_INVALID', /changed after the cloud generated it/);
  const unsigned = { ...response, signature: undefined };
  await expectRefused(() => importResponse(stringify(unsigned)), 422, 'SYNC_FILE_MALFORMED', /signature/);
});

it('after all the refusals, a genuine sync still works and counts what the switches use', async () => {
  const { imported } = await fileSync(s, 'lab4');
  expect(imported.account).toBe('lab4');
  expect(await s.cloud.inUse('Default')).toEqual({ [ESS]: 6 });
  expect(await s.onprem.inUse('Default')).toEqual({ [ESS]: 6 });
  expect(await s.cloud.inUse('Lab5')).toEqual({});
});
