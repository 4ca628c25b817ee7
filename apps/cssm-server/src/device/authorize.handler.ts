import { AuthorizeAnswer } from '@fleetlic/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DAY_MS } from '../common/injection-tokens';
import { InstanceUsage } from '../persistence/instance-usage.entity';
import { ProductInstance } from '../persistence/product-instance.entity';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { DeviceRefusal, isRefusal } from './device-refusal';
import { AUTH_RENEWAL_INTERVAL_DAYS, AUTH_VALIDITY_DAYS, AuthorizeRequest, iso } from './device-request.types';
import { authenticateInstance } from './instance-authenticator';
import { instanceCompliance, lockVa } from './va-compliance.reader';

/**
 * Authorization (SPEC §6, §9): records the instance's usage (un-releasing it) and answers per
 * entitlement from the VA's balance, decided under the VA lock in the caller's transaction.
 */
@Injectable()
export class AuthorizeHandler {
  constructor(private readonly silence: SilenceScheduler) {}

  async handle(em: EntityManager, req: AuthorizeRequest, now: number): Promise<AuthorizeAnswer | DeviceRefusal> {
    const instance = await authenticateInstance(em, req, now);
    if (isRefusal(instance)) return instance;
    const counts = new Map<string, number>();
    for (const e of req.entitlements) counts.set(e.tag, (counts.get(e.tag) ?? 0) + e.count);

    await lockVa(em, instance.vaId);
    await em.getRepository(InstanceUsage).delete({ instanceId: instance.id });
    const rows = [...counts].filter(([, count]) => count > 0).map(([tag, count]) => ({ instanceId: instance.id, tag, count }));
    if (rows.length) await em.getRepository(InstanceUsage).insert(rows);
    await em.getRepository(ProductInstance).update({ id: instance.id }, { lastContactAt: new Date(now), usageReleased: false });
    const statuses = await instanceCompliance(em, instance.vaId, instance.id);
    await this.silence.afterContact(em, instance.id, now);

    const mine = new Map(statuses.map((e) => [e.tag, e.status]));
    const entitlements = [...counts].map(([tag, count]) => ({ tag, count, status: mine.get(tag) ?? ('AUTHORIZED' as const) }));
    return {
      status: 'SUCCESS',
      inCompliance: entitlements.every((e) => e.status === 'AUTHORIZED'),
      entitlements,
      authorizedAt: iso(now),
      validUntil: iso(now + AUTH_VALIDITY_DAYS * DAY_MS),
      renewalIntervalDays: AUTH_RENEWAL_INTERVAL_DAYS,
      serverTime: iso(now),
    };
  }
}
