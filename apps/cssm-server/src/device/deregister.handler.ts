import { DeregisterAnswer } from '@fleetlic/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProductInstance } from '../persistence/product-instance.entity';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { DeviceRefusal, isRefusal } from './device-refusal';
import { DeregisterRequest, iso } from './device-request.types';
import { authenticateInstance } from './instance-authenticator';

/** Deregistration (SPEC §8): the instance is removed and its usage released with it. */
@Injectable()
export class DeregisterHandler {
  constructor(private readonly silence: SilenceScheduler) {}

  async handle(em: EntityManager, req: DeregisterRequest, now: number): Promise<DeregisterAnswer | DeviceRefusal> {
    const instance = await authenticateInstance(em, req, now);
    if (isRefusal(instance)) return instance;
    await em.getRepository(ProductInstance).delete({ id: instance.id });
    await this.silence.cancelAll(em, instance.id, now);
    return { status: 'SUCCESS', serverTime: iso(now) };
  }
}
