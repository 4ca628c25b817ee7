import { Controller, Delete, HttpCode, Inject, Param, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountDirectory } from '../account-api/account-directory.service';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CLOCK, CssmClock, DATA_SOURCE } from '../common/injection-tokens';
import { InstanceUsage } from '../persistence/instance-usage.entity';
import { ProductInstance } from '../persistence/product-instance.entity';
import { BearerGuard } from '../oauth/bearer.guard';

/**
 * Removal of a product instance by an administrator: its usage is released and its certificate
 * refused from then on (the row stays, marked removed, until a new registration of the UDI).
 * The UDI in the path is `<pid>:<sn>`, URL-encoded.
 */
@Controller('admin/api/v1/accounts/:domain/virtual-accounts/:va/devices')
@UseGuards(BearerGuard)
export class AdminDevicesController {
  constructor(
    private readonly directory: AccountDirectory,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
  ) {}

  @Delete(':udi')
  @HttpCode(204)
  async remove(@Param('domain') domain: string, @Param('va') vaName: string, @Param('udi') udi: string): Promise<void> {
    const va = await this.directory.virtualAccount(domain, vaName);
    const colon = udi.indexOf(':');
    const [pid, sn] = colon > 0 ? [udi.slice(0, colon), udi.slice(colon + 1)] : ['', ''];
    await this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`device|${pid}:${sn}`]);
      const instance = await em.getRepository(ProductInstance).findOneBy({ vaId: va.id, udiPid: pid, udiSn: sn });
      if (!instance || instance.removedAt) {
        throw new CssmError(CssmErrorCode.DeviceNotFound, `No product instance with UDI "${udi}" (written <pid>:<sn>) in virtual account "${va.name}"`);
      }
      await em.getRepository(InstanceUsage).delete({ instanceId: instance.id });
      await em.getRepository(ProductInstance).update({ id: instance.id }, { removedAt: new Date(this.clock.now()) });
    });
  }
}
