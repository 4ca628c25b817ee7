import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CLOCK, CssmClock, CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';
import { parseInput } from '../common/zod-body';
import { BearerGuard } from '../oauth/bearer.guard';
import { OnpremAccount } from '../persistence/onprem-account.entity';
import { NetworkSyncService } from './network-sync.service';
import { OnpremAccountService } from './onprem-account.service';
import { createLocalAccountBody, registerOnpremAccountBody } from './onprem-accounts.schemas';
import { UpstreamClient } from './upstream-client';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * `/admin/api/v1/onprem-accounts`, one route for both sides as in API.md §3: on the cloud the
 * "On-Prem Accounts" page (Name / Product Instances / Last Sync Up / Last Sync Down / Due /
 * Alerts), on an On-Prem server its "Synchronization" table (Name / Last Synchronization /
 * Synchronization Due / Alert).
 */
@Controller('admin/api/v1/onprem-accounts')
@UseGuards(BearerGuard)
export class OnpremAccountsController {
  constructor(
    private readonly accounts: OnpremAccountService,
    private readonly network: NetworkSyncService,
    private readonly upstream: UpstreamClient,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
    @Inject(CLOCK) private readonly clock: CssmClock,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    if (this.config.mode === 'cloud') {
      const input = parseInput(registerOnpremAccountBody, body);
      const created = await this.accounts.registerInCloud(input.name, input.domain, input.virtualAccount);
      return { ...(await this.view(created)), syncKey: created.syncKey };
    }
    const input = parseInput(createLocalAccountBody, body);
    await this.accounts.assertLocalFree(input.name, input.domain, input.virtualAccount);
    let syncKey = input.syncKey;
    if (!syncKey) {
      if (!this.upstream.configured) throw new CssmError(CssmErrorCode.ValidationFailed, 'syncKey: give the key the cloud server returned when it registered this On-Prem account', { field: 'syncKey' });
      syncKey = await this.upstream.registerAccount(input.name, input.domain, input.virtualAccount, this.clock.now());
    }
    const created = await this.accounts.createLocal(input.name, input.domain, input.virtualAccount, syncKey);
    await this.network.scheduleFirst(created.name);
    return this.view(created);
  }

  @Get()
  async list() {
    const rows = await this.accounts.list();
    return { accounts: await Promise.all(rows.map((o) => this.view(o))) };
  }

  private async view(o: OnpremAccount) {
    const { account, va } = await this.accounts.placeOf(o);
    const common = { name: o.name, domain: account.domain, smartAccount: account.name, virtualAccount: va.name, synchronizationDue: new Date(this.accounts.dueAt(o)).toISOString(), alert: this.accounts.alert(o) };
    if (this.config.mode === 'onprem') {
      const instances = await this.ds.query('SELECT count(*)::int AS n FROM product_instances WHERE va_id = $1 AND removed_at IS NULL', [o.vaId]);
      return { ...common, lastSynchronization: iso(o.lastSyncDownAt), lastRequest: iso(o.lastSyncUpAt), lastRequestSequence: o.lastSequence, lastResponseSequence: o.lastResponseSequence, productInstances: instances[0].n as number };
    }
    const instances = await this.ds.query('SELECT count(*)::int AS n FROM product_instances WHERE onprem_account_id = $1 AND removed_at IS NULL', [o.id]);
    return { ...common, productInstances: instances[0].n as number, lastSyncUp: iso(o.lastSyncUpAt), lastSyncDown: iso(o.lastSyncDownAt), lastSequence: o.lastSequence, onpremInstance: o.onpremInstance };
  }
}
