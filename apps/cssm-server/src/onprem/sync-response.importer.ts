import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CLOCK, CssmClock, CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';
import { vaCompliance } from '../device/va-compliance.reader';
import { Account } from '../persistence/account.entity';
import { LicensePool } from '../persistence/license-pool.entity';
import { OnpremAccount } from '../persistence/onprem-account.entity';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { requireMode } from './onprem-mode.guard';
import { OnpremAccountService } from './onprem-account.service';
import { decodeSyncFile } from './sync-file.codec';
import { syncWakeKey } from './sync-wake-key';
import { syncResponseSchema } from './sync-document.schemas';
import { syncSignatureValid } from './sync-signature';

export interface SyncImportResult {
  account: string;
  sequence: number;
  /** Every pool whose count changed, with the count before and after. */
  changed: { tag: string; before: number; after: number }[];
  pools: { tag: string; available: number }[];
  lastSynchronization: string;
  synchronizationDue: string;
}

/**
 * onprem: imports the cloud's response. Refused without any change when it is for an account or
 * On-Prem server other than this one, answers a request this server never issued or one already
 * answered, or does not verify. Otherwise the local pools become what the cloud allows this
 * account, under the VA lock authorizations take (SPEC §9), and the account is synchronised.
 */
@Injectable()
export class SyncResponseImporter {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
    private readonly accounts: OnpremAccountService,
    private readonly wakes: SilenceScheduler,
  ) {}

  async import(body: unknown, expectedAccount?: string, now = this.clock.now()): Promise<SyncImportResult> {
    requireMode(this.config, 'onprem', 'Importing a sync response file');
    const response = decodeSyncFile(syncResponseSchema, body, 'sync response file');
    if (expectedAccount && expectedAccount !== response.account) {
      throw new CssmError(CssmErrorCode.SyncWrongAccount, `This sync response file is for On-Prem account "${response.account}", not "${expectedAccount}"`);
    }
    if (response.onpremInstance !== this.config.instance) {
      throw new CssmError(CssmErrorCode.SyncWrongAccount, `This sync response file answers On-Prem server "${response.onpremInstance}", not this one ("${this.config.instance}")`);
    }
    return this.ds.transaction(async (em) => {
      const account = await this.accounts.byName(response.account, em, true).catch((e: CssmError) => {
        throw new CssmError(CssmErrorCode.SyncWrongAccount, `This sync response file is for On-Prem account "${response.account}", which this server does not hold (${e.message})`);
      });
      if (!syncSignatureValid(response, account.syncKey)) {
        throw new CssmError(CssmErrorCode.SyncSignatureInvalid, `The signature of this sync response file does not verify for "${account.name}": it was changed after the cloud generated it, or comes from another cloud account`);
      }
      if (response.sequence <= account.lastResponseSequence) {
        throw new CssmError(CssmErrorCode.SyncReplayed, `Sync response ${response.sequence} of "${account.name}" is old or was already imported (last imported: ${account.lastResponseSequence})`);
      }
      if (response.sequence > account.lastSequence) {
        throw new CssmError(CssmErrorCode.SyncSequenceUnknown, `Sync response ${response.sequence} answers a request this server never issued (last issued: ${account.lastSequence})`);
      }
      const { account: local, va } = await this.accounts.placeOf(account, em);
      if (local.domain !== response.smartAccount.domain || va.name !== response.virtualAccount) {
        throw new CssmError(
          CssmErrorCode.SyncWrongAccount,
          `This sync response file is for "${response.smartAccount.domain}" / "${response.virtualAccount}", but "${account.name}" is tied to "${local.domain}" / "${va.name}"`,
        );
      }
      await vaCompliance(em, account.vaId, true);
      const pools = em.getRepository(LicensePool);
      const before = new Map((await pools.findBy({ vaId: account.vaId })).map((p) => [p.tag, p.purchased]));
      const after = new Map(response.pools.map((p) => [p.tag, p.available]));
      const changed = [...new Set([...before.keys(), ...after.keys()])]
        .sort()
        .map((tag) => ({ tag, before: before.get(tag) ?? 0, after: after.get(tag) ?? 0 }))
        .filter((c) => c.before !== c.after);
      await pools.delete({ vaId: account.vaId });
      if (after.size) await pools.insert([...after].map(([tag, purchased]) => ({ vaId: account.vaId, tag, purchased })));
      if (local.name !== response.smartAccount.name) await em.getRepository(Account).update({ id: local.id }, { name: response.smartAccount.name });
      await em.getRepository(OnpremAccount).update({ id: account.id }, { lastResponseSequence: response.sequence, lastSyncDownAt: new Date(now) });
      const synced = await em.getRepository(OnpremAccount).findOneByOrFail({ id: account.id });
      // Whatever way it synchronised, the next network sync is one interval from now.
      if (this.config.onprem?.upstreamUrl) await this.wakes.request(em, syncWakeKey(account.name), this.accounts.dueAt(synced), now);
      return {
        account: account.name,
        sequence: response.sequence,
        changed,
        pools: [...after].map(([tag, available]) => ({ tag, available })),
        lastSynchronization: new Date(now).toISOString(),
        synchronizationDue: new Date(this.accounts.dueAt(synced)).toISOString(),
      };
    });
  }
}
