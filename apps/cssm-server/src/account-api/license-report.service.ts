import { ENTITLEMENTS, isEntitlementTag } from '@fleetlic/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../common/injection-tokens';
import { vaCompliance } from '../device/va-compliance.reader';
import { VirtualAccount } from '../persistence/virtual-account.entity';

export interface PoolView {
  tag: string;
  name: string;
  purchased: number;
  inUse: number;
  balance: number;
}

/** Purchased, in use and balance per tag of a VA (SPEC §9), as the APIs show them. */
@Injectable()
export class LicenseReportService {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async pools(va: VirtualAccount): Promise<PoolView[]> {
    const report = await vaCompliance(this.ds.manager, va.id);
    return report.tags.map((t) => ({
      tag: t.tag,
      name: isEntitlementTag(t.tag) ? ENTITLEMENTS[t.tag] : t.tag,
      purchased: t.purchased,
      inUse: t.inUse,
      balance: t.balance,
    }));
  }

  /** The v1 licenses record of Cisco's API for one pool. */
  static licenseRecord(va: VirtualAccount, pool: PoolView) {
    return {
      license: pool.name,
      licenseTag: pool.tag,
      virtualAccount: va.name,
      quantity: pool.purchased,
      inUse: pool.inUse,
      available: pool.balance,
      status: pool.balance >= 0 ? 'In Compliance' : 'Out Of Compliance',
      ahaApps: false,
      pendingQuantity: 0,
      reserved: 0,
      isPortable: false,
      licenseDetails: [{ licenseType: 'PERPETUAL', quantity: pool.purchased, status: 'Active', startDate: null, endDate: null }],
    };
  }
}
