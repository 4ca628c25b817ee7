import { DeviceAnswer, DeviceRequest, deviceRequestSchema } from '@fleetlic/contracts';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { logger } from '@fleetlic/telemetry';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, CssmClock, DATA_SOURCE } from '../common/injection-tokens';
import { DeviceMessage } from '../persistence/device-message.entity';
import { OUTBOX_KICK } from '../silence/outbox-kick';
import { AuthorizeHandler } from './authorize.handler';
import { DeregisterHandler } from './deregister.handler';
import { DeviceRefusal, isRefusal, refusal } from './device-refusal';
import { authenticateInstance } from './instance-authenticator';
import { RegisterHandler } from './register.handler';
import { RenewIdHandler } from './renew-id.handler';

export type DeviceResult = DeviceAnswer | DeviceRefusal;

/**
 * Handles one device message in one transaction, at the server time `clock.at(header)`.
 * Messages of one UDI are serialised by an advisory lock; a message id seen before gets the
 * stored answer again (no second token use, no second count). Only successes are stored: a
 * refusal changes nothing, so a retry is simply decided again.
 */
@Injectable()
export class DeviceMessageService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
    private readonly register: RegisterHandler,
    private readonly renewId: RenewIdHandler,
    private readonly authorize: AuthorizeHandler,
    private readonly deregister: DeregisterHandler,
    @Optional() @Inject(OUTBOX_KICK) private readonly kick?: () => void,
  ) {}

  async handle(body: unknown, headerTime?: number): Promise<DeviceResult> {
    const parsed = deviceRequestSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refusal('MALFORMED', `${issue.path.join('.') || 'message'}: ${issue.message}`);
    }
    const req = parsed.data;
    const now = this.clock.at(headerTime);
    const udi = `${req.udi.pid}:${req.udi.sn}`;
    const answer = await this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`device|${udi}`]);
      const seen = await em.getRepository(DeviceMessage).findOneBy({ udi, messageId: req.messageId });
      if (seen) {
        if (seen.type !== req.type) return refusal('MALFORMED', 'this messageId was already used for another message');
        // The stored answer goes only to its own instance: without this, anyone replaying a known
        // id (unsigned, signed with another key, or for a removed instance) got the old SUCCESS.
        // A deregistration's retry finds no instance any more and keeps its stored answer.
        if (req.type !== 'register') {
          const who = await authenticateInstance(em, req, now);
          if (isRefusal(who) && !(req.type === 'deregister' && who.code === 'UNKNOWN_INSTANCE')) return who;
        }
        return seen.answer as DeviceResult;
      }
      const result = await this.dispatch(em, req, now);
      if (result.status === 'SUCCESS') {
        await em.query('INSERT INTO device_messages (udi, message_id, type, answer, received_at) VALUES ($1, $2, $3, $4, $5)', [
          udi,
          req.messageId,
          req.type,
          JSON.stringify(result),
          new Date(now),
        ]);
      }
      return result;
    });
    this.kick?.();
    // Identifiers and outcome only: the message carries the ID token, the CSR and a signature.
    logger.debug('device message', { udi, messageId: req.messageId, type: req.type, status: answer.status, ...(isRefusal(answer) ? { code: answer.code } : {}) });
    return answer;
  }

  private dispatch(em: EntityManager, req: DeviceRequest, now: number): Promise<DeviceResult> {
    switch (req.type) {
      case 'register':
        return this.register.handle(em, req, now);
      case 'renew-id':
        return this.renewId.handle(em, req, now);
      case 'authorize':
        return this.authorize.handle(em, req, now);
      case 'deregister':
        return this.deregister.handle(em, req, now);
      default: {
        const unhandled: never = req;
        throw new Error(`unhandled device message ${(unhandled as DeviceRequest).type}`);
      }
    }
  }
}
