import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccountDirectory } from '../account-api/account-directory.service';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CLOCK, CssmClock, CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';
import { Account } from '../persistence/account.entity';
import { OnpremAccount } from '../persistence/onprem-account.entity';
import { VirtualAccount } from '../persistence/virtual-account.entity';
import { syncIntervalMs } from './onprem-mode.guard';
import { newSyncKey } from './sync-signature';

export const ALERT_OVERDUE = 'Synchronization overdue';
export const ALERT_NEVER = 'Not yet synchronized';

/** On-Prem accounts of either side: creation, lookup, and the due date and alert of the tables. */
@Injectable()
export class OnpremAccountService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
    private readonly directory: AccountDirectory,
  ) {}

  /** cloud: registers an On-Prem account in an existing VA and creates its sync key. */
  async registerInCloud(name: string, domain: string, vaName: string): Promise<OnpremAccount> {
    const va = await this.directory.virtualAccount(domain, vaName);
    return this.insert(name, va, newSyncKey());
  }

  /**
   * onprem: the local account tied to the cloud's (domain, VA), with the key the cloud gave. The
   * local Smart Account and VA mirror the cloud's and are created when missing; the first
   * imported response names the Smart Account as the cloud does.
   */
  async createLocal(name: string, domain: string, vaName: string, syncKey: string): Promise<OnpremAccount> {
    const account = await this.ds.getRepository(Account).findOneBy({ domain });
    if (!account) await this.directory.createAccount(domain, domain).catch((e) => ignore(e, CssmErrorCode.AccountExists));
    const va = await this.directory.createVirtualAccount(domain, vaName).catch(async (e) => {
      ignore(e, CssmErrorCode.VirtualAccountExists);
      return this.directory.virtualAccount(domain, vaName);
    });
    if (await this.ds.getRepository(OnpremAccount).existsBy({ vaId: va.id })) {
      throw new CssmError(CssmErrorCode.OnpremAccountExists, `Virtual account "${vaName}" of "${domain}" already has an On-Prem account on this server`);
    }
    return this.insert(name, va, syncKey);
  }

  /** Refuses a local account that would clash, before anything is registered in the cloud for it. */
  async assertLocalFree(name: string, domain: string, vaName: string): Promise<void> {
    if (await this.ds.getRepository(OnpremAccount).existsBy({ name })) throw new CssmError(CssmErrorCode.OnpremAccountExists, `An On-Prem account named "${name}" already exists`);
    const linked = await this.ds.query(
      'SELECT 1 FROM onprem_accounts o JOIN virtual_accounts v ON v.id = o.va_id JOIN accounts a ON a.id = v.account_id WHERE a.domain = $1 AND v.name = $2',
      [domain, vaName],
    );
    if (linked.length) throw new CssmError(CssmErrorCode.OnpremAccountExists, `Virtual account "${vaName}" of "${domain}" already has an On-Prem account on this server`);
  }

  async byName(name: string, em: EntityManager = this.ds.manager, lock = false): Promise<OnpremAccount> {
    const qb = em.getRepository(OnpremAccount).createQueryBuilder('o').where('o.name = :name', { name });
    const found = await (lock ? qb.setLock('pessimistic_write') : qb).getOne();
    if (!found) throw new CssmError(CssmErrorCode.OnpremAccountNotFound, `No On-Prem account "${name}" on this ${this.config.mode === 'cloud' ? 'cloud' : 'On-Prem'} server`);
    return found;
  }

  list(): Promise<OnpremAccount[]> {
    return this.ds.getRepository(OnpremAccount).find({ order: { name: 'ASC' } });
  }

  /** Where the account lives: the (cloud or mirrored) Smart Account and VA. */
  async placeOf(o: OnpremAccount, em: EntityManager = this.ds.manager): Promise<{ account: Account; va: VirtualAccount }> {
    const va = await em.getRepository(VirtualAccount).findOneByOrFail({ id: o.vaId });
    return { account: await em.getRepository(Account).findOneByOrFail({ id: va.accountId }), va };
  }

  /**
   * Due = last synchronisation + interval (cloud: last request received; onprem: last response
   * imported); an account never synchronised is due one interval after its creation.
   */
  dueAt(o: OnpremAccount): number {
    const last = this.config.mode === 'cloud' ? o.lastSyncUpAt : o.lastSyncDownAt;
    return (last ?? o.createdAt).getTime() + syncIntervalMs(this.config);
  }

  /** The Alert column: overdue once now ≥ due (SPEC §0), else whether it never synchronised. */
  alert(o: OnpremAccount): string | null {
    if (this.clock.now() >= this.dueAt(o)) return ALERT_OVERDUE;
    const synced = this.config.mode === 'cloud' ? o.lastSyncUpAt : o.lastSyncDownAt;
    return synced ? null : ALERT_NEVER;
  }

  private async insert(name: string, va: VirtualAccount, syncKey: string): Promise<OnpremAccount> {
    const row = { id: randomUUID(), name, vaId: va.id, syncKey, createdAt: new Date(this.clock.now()) };
    const inserted = await this.ds.getRepository(OnpremAccount).createQueryBuilder().insert().values(row).orIgnore().execute();
    if (inserted.raw.length === 0) throw new CssmError(CssmErrorCode.OnpremAccountExists, `An On-Prem account named "${name}" already exists`);
    return this.ds.getRepository(OnpremAccount).findOneByOrFail({ id: row.id });
  }
}

function ignore(error: unknown, code: CssmErrorCode): void {
  if (!(error instanceof CssmError && error.code === code)) throw error;
}
