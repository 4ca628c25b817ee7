import { ENTITLEMENTS, isEntitlementTag } from '@fleetlic/contracts';
import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DATA_SOURCE } from '../common/injection-tokens';
import { parseInput } from '../common/zod-body';
import { InstanceUsage } from '../persistence/instance-usage.entity';
import { ProductInstance } from '../persistence/product-instance.entity';
import { BearerGuard } from '../oauth/bearer.guard';
import { AccountDirectory } from './account-directory.service';
import { pageQuery } from './account-api.schemas';

/** `GET /v2/accounts/{domain}/virtual-accounts/{va}/devices`: the VA's product instances. */
@Controller('services/api/smart-accounts-and-licensing/v2/accounts')
@UseGuards(BearerGuard)
export class DevicesController {
  constructor(
    private readonly directory: AccountDirectory,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  @Get(':domain/virtual-accounts/:va/devices')
  async devices(@Param('domain') domain: string, @Param('va') vaName: string, @Query() query: unknown) {
    const page = parseInput(pageQuery, query, 'query');
    const va = await this.directory.virtualAccount(domain, vaName);
    const [instances, total] = await this.ds.getRepository(ProductInstance).findAndCount({
      where: { vaId: va.id, removedAt: IsNull() },
      order: { udiPid: 'ASC', udiSn: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    const usage = instances.length ? await this.ds.getRepository(InstanceUsage).find({ where: instances.map((i) => ({ instanceId: i.id })) }) : [];
    return {
      status: 'SUCCESS',
      totalRecords: total,
      devices: instances.map((i) => ({
        instanceName: `${i.udiPid}:${i.udiSn}`,
        sudi: { udiPid: i.udiPid, udiSerialNumber: i.udiSn },
        productTagName: i.udiPid,
        productType: 'NEXUS',
        virtualAccount: va.name,
        softwareVersion: i.nxosVersion,
        registrationDate: i.registeredAt.toISOString(),
        lastContactDate: i.lastContactAt.toISOString(),
        certificateExpirationDate: i.certNotAfter.toISOString(),
        usageReleased: i.usageReleased,
        licenseUsage: usage
          .filter((u) => u.instanceId === i.id)
          .map((u) => ({ license: isEntitlementTag(u.tag) ? ENTITLEMENTS[u.tag] : u.tag, licenseTag: u.tag, quantity: u.count })),
      })),
    };
  }
}
