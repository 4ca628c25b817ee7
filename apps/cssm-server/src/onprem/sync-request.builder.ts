import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, CssmClock, CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';
import { OnpremAccount } from '../persistence/onprem-account.entity';
import { requireMode } from './onprem-mode.guard';
import { OnpremAccountService } from './onprem-account.service';
import { encodeSyncFile, syncRequestFileName } from './sync-file.codec';
import { SyncRequest } from './sync-document.schemas';
import { signSyncDocument } from './sync-signature';

export interface SyncRequestFile {
  fileName: string;
  yaml: string;
  document: SyncRequest;
}

interface InstanceRow {
  pid: string;
  sn: string;
  nxos: string | null;
  export: boolean;
  registered: Date;
  contact: Date;
  not_after: Date;
  released: boolean;
  usage: { tag: string; count: number }[] | null;
}

/**
 * onprem: the sync request of a local account: every live product instance of its VA with its
 * usage. Each request takes the next sequence number, so that the cloud can refuse an old or
 * replayed file, and a response can be matched to a request this server issued.
 */
@Injectable()
export class SyncRequestBuilder {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
    private readonly accounts: OnpremAccountService,
  ) {}

  async build(accountName: string, now = this.clock.now()): Promise<SyncRequestFile> {
    requireMode(this.config, 'onprem', 'Downloading a sync request');
    const document = await this.ds.transaction(async (em) => {
      const account = await this.accounts.byName(accountName, em, true);
      const sequence = account.lastSequence + 1;
      // Instances past their notAfter are gone even if their expiry wake has not run yet (SPEC §7).
      const rows: InstanceRow[] = await em.query(
        `SELECT p.udi_pid AS pid, p.udi_sn AS sn, p.nxos_version AS nxos, p.export_controlled AS export, p.registered_at AS registered,
                p.last_contact_at AS contact, p.cert_not_after AS not_after, p.usage_released AS released,
                (SELECT json_agg(json_build_object('tag', u.tag, 'count', u.count) ORDER BY u.tag) FROM instance_usage u WHERE u.instance_id = p.id) AS usage
           FROM product_instances p
          WHERE p.va_id = $1 AND p.removed_at IS NULL AND p.cert_not_after > $2
          ORDER BY p.udi_pid, p.udi_sn`,
        [account.vaId, new Date(now)],
      );
      await em.getRepository(OnpremAccount).update({ id: account.id }, { lastSequence: sequence, lastSyncUpAt: new Date(now) });
      const unsigned: Omit<SyncRequest, 'signature'> = {
        kind: 'license-sync-request',
        version: 1,
        account: account.name,
        onpremInstance: this.config.instance,
        sequence,
        generatedAt: new Date(now).toISOString(),
        instances: rows.map((r) => ({
          udi: `${r.pid}:${r.sn}`,
          nxosVersion: r.nxos,
          exportControlled: r.export,
          registeredAt: r.registered.toISOString(),
          lastContact: r.contact.toISOString(),
          certNotAfter: r.not_after.toISOString(),
          usageReleased: r.released,
          usage: r.usage ?? [],
        })),
      };
      return signSyncDocument(unsigned, account.syncKey);
    });
    return { fileName: syncRequestFileName(document.account, now, document.sequence), yaml: encodeSyncFile(document), document };
  }
}
