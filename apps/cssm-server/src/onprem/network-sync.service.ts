import { Wake } from '@fleetlic/contracts';
import { logger } from '@fleetlic/telemetry';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CssmError } from '../common/cssm.error';
import { CLOCK, CssmClock, CSSM_CONFIG, CssmConfig, DATA_SOURCE, DAY_MS } from '../common/injection-tokens';
import { OUTBOX_KICK } from '../silence/outbox-kick';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { OnpremAccountService } from './onprem-account.service';
import { requireMode } from './onprem-mode.guard';
import { SyncImportResult, SyncResponseImporter } from './sync-response.importer';
import { SyncRequestBuilder } from './sync-request.builder';
import { SYNC_WAKE_PREFIX, syncWakeKey } from './sync-wake-key';
import { UpstreamClient } from './upstream-client';

/** After a failed scheduled sync, try again this much later (not hourly: a long outage would flood the schedule). */
export const SYNC_RETRY_MS = DAY_MS;

export type SyncWakeOutcome = 'synchronized' | 'sync failed' | 'nothing';

/**
 * onprem, method 3: the request goes to the cloud's `/admin/api/v1/sync/file` and its response
 * is imported, on demand or when the account's `sync.<account>` wake fires on the shared clock
 * (the import itself asks for the next one, one interval later).
 */
@Injectable()
export class NetworkSyncService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
    private readonly accounts: OnpremAccountService,
    private readonly builder: SyncRequestBuilder,
    private readonly importer: SyncResponseImporter,
    private readonly upstream: UpstreamClient,
    private readonly wakes: SilenceScheduler,
    @Optional() @Inject(OUTBOX_KICK) private readonly kick?: () => void,
  ) {}

  /** `at`: the instant of the wake that asked for it (the local clock may not have caught up yet). */
  async syncNow(account: string, at = this.clock.now()): Promise<SyncImportResult> {
    requireMode(this.config, 'onprem', 'Network sync');
    await this.accounts.byName(account);
    this.upstream.assertConfigured();
    const request = await this.builder.build(account, at);
    const responseYaml = await this.upstream.syncFile(account, request.yaml, at);
    const result = await this.importer.import(responseYaml, account, at);
    this.kick?.();
    return result;
  }

  /** Asks for the first network sync of a new account at once, when a cloud server is configured. */
  async scheduleFirst(account: string): Promise<void> {
    if (this.config.mode !== 'onprem' || !this.upstream.configured) return;
    const now = this.clock.now();
    await this.ds.transaction((em) => this.wakes.request(em, syncWakeKey(account), now, now));
    this.kick?.();
  }

  async handleWake(wake: Wake, headerTime?: number): Promise<SyncWakeOutcome> {
    if (wake.owner !== this.wakes.owner || !wake.key.startsWith(SYNC_WAKE_PREFIX)) return 'nothing';
    if (this.config.mode !== 'onprem' || !this.upstream.configured) return 'nothing';
    const name = wake.key.slice(SYNC_WAKE_PREFIX.length);
    const now = this.clock.at(Math.max(headerTime ?? 0, Date.parse(wake.at) || 0));
    const account = await this.accounts.byName(name).catch(() => undefined);
    // A sync since this wake was asked for moved the due date: this wake is stale.
    if (!account || (account.lastSyncDownAt && now < this.accounts.dueAt(account))) return 'nothing';
    try {
      await this.syncNow(name, now);
      return 'synchronized';
    } catch (error) {
      if (!(error instanceof CssmError)) throw error;
      logger.warn('On-Prem network sync failed; retrying later', { account: name, reason: error.message });
      await this.ds.transaction((em) => this.wakes.request(em, syncWakeKey(name), now + SYNC_RETRY_MS, now));
      this.kick?.();
      return 'sync failed';
    }
  }
}
