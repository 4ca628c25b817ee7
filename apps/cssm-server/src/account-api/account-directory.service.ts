import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { DATA_SOURCE } from '../common/injection-tokens';
import { Account } from '../persistence/account.entity';
import { VirtualAccount } from '../persistence/virtual-account.entity';

/** Smart Accounts (by domain) and their virtual accounts (by name); unknown ones are 404s. */
@Injectable()
export class AccountDirectory {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  list(): Promise<Account[]> {
    return this.ds.getRepository(Account).find({ order: { name: 'ASC' } });
  }

  async account(domain: string, em: EntityManager = this.ds.manager): Promise<Account> {
    const account = await em.getRepository(Account).findOneBy({ domain });
    if (!account) throw new CssmError(CssmErrorCode.AccountNotFound, `No Smart Account with domain "${domain}"`);
    return account;
  }

  async virtualAccount(domain: string, name: string, em: EntityManager = this.ds.manager): Promise<VirtualAccount> {
    const account = await this.account(domain, em);
    const va = await em.getRepository(VirtualAccount).findOneBy({ accountId: account.id, name });
    if (!va) throw new CssmError(CssmErrorCode.VirtualAccountNotFound, `No virtual account "${name}" in Smart Account "${domain}"`);
    return va;
  }

  async virtualAccounts(account: Account): Promise<VirtualAccount[]> {
    return this.ds.getRepository(VirtualAccount).find({ where: { accountId: account.id }, order: { name: 'ASC' } });
  }

  async createAccount(name: string, domain: string): Promise<Account> {
    const row = { id: randomUUID(), name, domain };
    const inserted = await this.ds.getRepository(Account).createQueryBuilder().insert().values(row).orIgnore().execute();
    if (inserted.raw.length === 0) {
      throw new CssmError(CssmErrorCode.AccountExists, `A Smart Account with domain "${domain}" already exists`);
    }
    return this.account(domain);
  }

  async createVirtualAccount(domain: string, name: string): Promise<VirtualAccount> {
    const account = await this.account(domain);
    const row = { id: randomUUID(), accountId: account.id, name };
    const inserted = await this.ds.getRepository(VirtualAccount).createQueryBuilder().insert().values(row).orIgnore().execute();
    if (inserted.raw.length === 0) {
      throw new CssmError(CssmErrorCode.VirtualAccountExists, `Virtual account "${name}" already exists in "${domain}"`);
    }
    return this.virtualAccount(domain, name);
  }
}
