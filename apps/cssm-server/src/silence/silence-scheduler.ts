import { subjects, WakeRequest } from '@fleetlic/contracts';
import { OutboxMessage } from '@fleetlic/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CSSM_CONFIG, CssmConfig, DAY_MS } from '../common/injection-tokens';

/** Usage of an instance silent this long leaves the VA's in-use total (SPEC §6). */
export const RELEASE_AFTER_MS = 90 * DAY_MS;

export const releaseKey = (instanceId: string) => `release.${instanceId}`;
export const expireKey = (instanceId: string) => `expire.${instanceId}`;

/**
 * Asks the scheduler for the server's own wake-ups (release after silence, removal at notAfter)
 * by writing wake requests to the outbox in the caller's transaction.
 */
@Injectable()
export class SilenceScheduler {
  constructor(@Inject(CSSM_CONFIG) private readonly config: CssmConfig) {}

  get owner(): string {
    return `cssm.${this.config.instance}`;
  }

  /** After a contact: release the usage if nothing is heard for 90 days. */
  async afterContact(em: EntityManager, instanceId: string, now: number): Promise<void> {
    await this.request(em, releaseKey(instanceId), now + RELEASE_AFTER_MS, now);
  }

  /** After a certificate was issued: remove the instance at its notAfter unless renewed. */
  async atCertificateEnd(em: EntityManager, instanceId: string, notAfter: number, now: number): Promise<void> {
    await this.request(em, expireKey(instanceId), notAfter, now);
  }

  /** The instance is gone: its wake-ups are no longer needed. */
  async cancelAll(em: EntityManager, instanceId: string, now: number): Promise<void> {
    await this.request(em, releaseKey(instanceId), null, now);
    await this.request(em, expireKey(instanceId), null, now);
  }

  /** Any wake-up of this server (`at` null cancels); also used for the On-Prem network sync. */
  async request(em: EntityManager, key: string, at: number | null, now: number): Promise<void> {
    const payload: WakeRequest = { owner: this.owner, key, at: at === null ? null : new Date(at).toISOString() };
    const headers: Record<string, string> = { 'Fleetlic-Time': new Date(now).toISOString() };
    propagation.inject(context.active(), headers);
    await em.getRepository(OutboxMessage).insert({
      subject: subjects(this.config.namespace).wakeRequest,
      payload,
      headers,
      msgId: randomUUID(),
    });
  }
}
