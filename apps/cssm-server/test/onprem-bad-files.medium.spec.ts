import { parse, stringify } from 'yaml';
import { signSyncDocument } from '../src/onprem/sync-signature';
import { call } from './cssm-harness';
import { accountsOf, ADMIN, DOMAIN, cloudPools, fileSync, linkAccount, Pair, registerFleet, startPair, text } from './onprem-pair';

const M4 = 'NXOS_ESSENTIALS_M4';

/** Everything either side shows of the sync state: a refused file must leave all of it unchanged. */
async function state(p: Pair) {
  return { cloud: await cloudPools(p), cloudAccounts: await accountsOf(p.cloud, p.cloudBearer), onpremAccounts: await accountsOf(p.onprem, p.onpremBearer) };
}

describe('bad sync files are refused with a clear reason and change nothing', () => {
  let p: Pair;
  let keys: Record<string, string>;
  const upload = (yaml: string, account?: string) => text('POST', `${p.cloud.url}${ADMIN}/sync/file${account ? `?account=${account}` : ''}`, p.cloudBearer, yaml);
  const importResponse = (yaml: string, account?: string) => text('POST', `${p.onprem.url}${ADMIN}/sync/response${account ? `?account=${account}` : ''}`, p.onpremBearer, yaml, 'application/x-yaml');
  const download = async (account: string) => (await text('GET', `${p.onprem.url}${ADMIN}/sync/request?account=${account}`, p.onpremBearer)).text;

  beforeAll(async () => {
    p = await startPair({ [M4]: 10 });
    await call('POST', `${p.cloud.url}${ADMIN}/accounts/${DOMAIN}/virtual-accounts`, p.cloudBearer, { name: 'Lab5' });
    keys = { lab4: await linkAccount(p, 'lab4'), lab5: await linkAccount(p, 'lab5', 'Lab5') };
    await registerFleet(p, 'BAD-', 2, [{ tag: M4, count: 1 }]);
    await fileSync(p, 'lab4');
  });
  afterAll(() => p.close());

  async function expectRefused(send: () => Promise<{ status: number; json: any }>, status: number, code: string, reason: RegExp) {
    const before = await state(p);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code, message: expect.stringMatching(reason) });
    expect(await state(p)).toEqual(before);
  }

  it('a request file replayed, or older than the last imported, is refused by the cloud', async () => {
    const older = await download('lab4'); // 2
    const newer = await download('lab4'); // 3
    expect((await upload(newer)).status).toBe(200);
    await expectRefused(() => upload(newer), 409, 'SYNC_REPLAYED', /request 3 of "lab4" is old or was already imported \(last imported: 3\)/);
    await expectRefused(() => upload(older), 409, 'SYNC_REPLAYED', /request 2 of "lab4" is old.*last imported: 3/);
  });

  it('a response file imported twice is refused by the On-Prem server', async () => {
    const response = (await upload(await download('lab4'))).text;
    expect((await importResponse(response)).status).toBe(200);
    await expectRefused(() => importResponse(response), 409, 'SYNC_REPLAYED', /response 4 of "lab4" is old or was already imported/);
  });

  it('a tampered request or response file does not verify', async () => {
    const request = parse(await download('lab4'));
    request.instances[0].usage[0].count = 0; // hide usage from the cloud
    await expectRefused(() => upload(stringify(request)), 422, 'SYNC_SIGNATURE_INVALID', /changed after it was generated/);
    const response = parse((await upload(await download('lab4'))).text);
    response.pools[0].available = 1000; // more licenses than bought
    await expectRefused(() => importResponse(stringify(response)), 422, 'SYNC_SIGNATURE_INVALID', /changed after the cloud generated it/);
  });

  it('a file of another account is refused on both sides', async () => {
    const lab4Request = await download('lab4');
    await expectRefused(() => upload(lab4Request, 'lab5'), 409, 'SYNC_WRONG_ACCOUNT', /belongs to On-Prem account "lab4", not "lab5"/);
    const lab5Response = (await upload(await download('lab5'))).text;
    await expectRefused(() => importResponse(lab5Response, 'lab4'), 409, 'SYNC_WRONG_ACCOUNT', /is for On-Prem account "lab5", not "lab4"/);
    // Signed with lab5's key but claiming lab4: lab4's key does not verify it.
    const forged = signSyncDocument({ ...parse(lab5Response), account: 'lab4', signature: undefined }, keys.lab5);
    await expectRefused(() => importResponse(stringify(forged)), 422, 'SYNC_SIGNATURE_INVALID', /does not verify for "lab4"/);
    const unknown = signSyncDocument({ ...parse(lab5Response), account: 'elsewhere', signature: undefined }, keys.lab5);
    await expectRefused(() => importResponse(stringify(unknown)), 409, 'SYNC_WRONG_ACCOUNT', /"elsewhere", which this server does not hold/);
    const otherServer = signSyncDocument({ ...parse(lab5Response), onpremInstance: 'onprem-b', signature: undefined }, keys.lab5);
    await expectRefused(() => importResponse(stringify(otherServer)), 409, 'SYNC_WRONG_ACCOUNT', /answers On-Prem server "onprem-b"/);
  });

  it('a response to a request never issued, and a file that is not a sync file, are refused', async () => {
    const response = parse((await upload(await download('lab4'))).text);
    const future = signSyncDocument({ ...response, sequence: 99, signature: undefined }, keys.lab4);
    await expectRefused(() => importResponse(stringify(future)), 409, 'SYNC_SEQUENCE_UNKNOWN', /never issued/);
    await expectRefused(() => upload('kind: [unclosed'), 422, 'SYNC_FILE_MALFORMED', /not valid YAML/);
    await expectRefused(() => upload(stringify({ kind: 'license-sync-response' })), 422, 'SYNC_FILE_MALFORMED', /kind/);
    await expectRefused(() => text('POST', `${p.onprem.url}${ADMIN}/sync/file`, p.onpremBearer, 'x: 1'), 404, 'WRONG_MODE', /cloud license server/);
  });
});
