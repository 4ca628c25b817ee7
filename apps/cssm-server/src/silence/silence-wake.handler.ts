import { Wake } from '@fleetlic/contracts';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, CssmClock, DATA_SOURCE } from '../common/injection-tokens';
import { ProductInstance } from '../persistence/product-instance.entity';
import { OUTBOX_KICK } from './outbox-kick';
import { RELEASE_AFTER_MS, SilenceScheduler } from './silence-scheduler';

export type WakeOutcome = 'released' | 'removed' | 'nothing';

/**
 * The server's own wake-ups (SPEC §6 last bullet, §7): release the usage of an instance silent
 * for 90 days; remove an instance whose certificate reached its notAfter. Each re-checks the
 * condition at the wake's instant, so early or repeated wakes change nothing.
 */
@Injectable()
export class SilenceWakeHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    private readonly silence: SilenceScheduler,
    @Optional() @Inject(OUTBOX_KICK) private readonly kick?: () => void,
  ) {}

  async handle(wake: Wake, headerTime?: number): Promise<WakeOutcome> {
    const match = /^(release|expire)\.([0-9a-f-]{36})$/.exec(wake.key);
    if (wake.owner !== this.silence.owner || !match) return 'nothing';
    const [, kind, instanceId] = match;
    const now = this.clock.at(Math.max(headerTime ?? 0, Date.parse(wake.at) || 0));
    const outcome = await this.ds.transaction(async (em): Promise<WakeOutcome> => {
      const repo = em.getRepository(ProductInstance);
      const instance = await repo.createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: instanceId }).getOne();
      if (!instance) return 'nothing';
      if (kind === 'release') {
        if (instance.usageReleased || now - instance.lastContactAt.getTime() < RELEASE_AFTER_MS) return 'nothing';
        await repo.update({ id: instance.id }, { usageReleased: true });
        return 'released';
      }
      if (instance.certNotAfter.getTime() > now) return 'nothing';
      await repo.delete({ id: instance.id });
      await this.silence.cancelAll(em, instance.id, now);
      return 'removed';
    });
    if (outcome === 'removed') this.kick?.();
    return outcome;
  }
}
