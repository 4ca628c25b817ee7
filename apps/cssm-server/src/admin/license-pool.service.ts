import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { DATA_SOURCE } from '../common/injection-tokens';
import { LicensePool } from '../persistence/license-pool.entity';
import { VirtualAccount } from '../persistence/virtual-account.entity';

/** Purchases (and returns) of licenses: changes a VA's pool under the VA lock authorizations take. */
@Injectable()
export class LicensePoolService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async adjust(va: VirtualAccount, tag: string, quantity: number): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query('SELECT id FROM virtual_accounts WHERE id = $1 FOR UPDATE', [va.id]);
      const pool = await em.getRepository(LicensePool).findOneBy({ vaId: va.id, tag });
      const purchased = (pool?.purchased ?? 0) + quantity;
      if (purchased < 0) {
        throw new CssmError(CssmErrorCode.InsufficientLicenses, `Cannot remove ${-quantity} ${tag}: virtual account "${va.name}" holds ${pool?.purchased ?? 0}`);
      }
      await em.getRepository(LicensePool).upsert({ vaId: va.id, tag, purchased }, ['vaId', 'tag']);
    });
  }
}
