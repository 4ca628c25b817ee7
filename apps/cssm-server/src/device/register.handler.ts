import { RegisterAnswer } from '@fleetlic/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { verifyCsr } from '../ca/csr-verifier';
import { Account } from '../persistence/account.entity';
import { IdToken } from '../persistence/id-token.entity';
import { ProductInstance } from '../persistence/product-instance.entity';
import { VirtualAccount } from '../persistence/virtual-account.entity';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { DeviceRefusal, refusal } from './device-refusal';
import { iso, RegisterRequest, RENEWAL_PERIOD_DAYS } from './device-request.types';
import { IdCertificateIssuer } from './id-certificate.issuer';

/**
 * Registration (SPEC §5): the token must exist, not be revoked, expired or used up; the CSR must
 * be a self-signed EC P-256 request. Spends one use and replaces any instance of the same UDI.
 */
@Injectable()
export class RegisterHandler {
  constructor(
    private readonly issuer: IdCertificateIssuer,
    private readonly silence: SilenceScheduler,
  ) {}

  async handle(em: EntityManager, req: RegisterRequest, now: number): Promise<RegisterAnswer | DeviceRefusal> {
    // CSR check and certificate signing are pure CPU work: done before the token row is locked,
    // because every switch of a fleet registering with one token queues on that lock.
    const csr = await verifyCsr(req.csr);
    const cert = csr.ok ? await this.issuer.issue(csr.publicKey, req.udi, now) : undefined;
    const token = await em.getRepository(IdToken).createQueryBuilder('t').setLock('pessimistic_write').where('t.token = :token', { token: req.idToken }).getOne();
    const problem = tokenProblem(token, now);
    if (problem) return problem;
    if (!csr.ok || !cert) return refusal('MALFORMED', csr.ok ? 'no certificate' : csr.why);
    const va = await em.getRepository(VirtualAccount).findOneByOrFail({ id: token!.vaId });
    const account = await em.getRepository(Account).findOneByOrFail({ id: va.accountId });

    const previous = await em.getRepository(ProductInstance).findOneBy({ udiPid: req.udi.pid, udiSn: req.udi.sn });
    if (previous) {
      await em.getRepository(ProductInstance).delete({ id: previous.id });
      await this.silence.cancelAll(em, previous.id, now);
    }
    const id = randomUUID();
    await em.getRepository(ProductInstance).insert({
      id,
      udiPid: req.udi.pid,
      udiSn: req.udi.sn,
      vaId: va.id,
      nxosVersion: req.nxosVersion ?? null,
      exportControlled: token!.exportControlled,
      certSerial: cert.serial,
      certNotAfter: new Date(cert.notAfter),
      publicKeyPem: csr.publicKeyPem,
      registeredAt: new Date(now),
      lastContactAt: new Date(now),
      usageReleased: false,
      removedAt: null,
    });
    await em.getRepository(IdToken).increment({ token: token!.token }, 'uses', 1);
    await this.silence.afterContact(em, id, now);
    await this.silence.atCertificateEnd(em, id, cert.notAfter, now);
    return {
      status: 'SUCCESS',
      idCertificate: cert.pem,
      notBefore: iso(cert.notBefore),
      notAfter: iso(cert.notAfter),
      renewalPeriodDays: RENEWAL_PERIOD_DAYS,
      smartAccount: account.name,
      virtualAccount: va.name,
      exportControlled: token!.exportControlled,
      serverTime: iso(now),
    };
  }
}

/** Why a token cannot be used at `now`, or undefined when it can. */
export function tokenProblem(token: IdToken | null, now: number): DeviceRefusal | undefined {
  if (!token) return refusal('TOKEN_UNKNOWN');
  if (token.revokedAt) return refusal('TOKEN_REVOKED');
  if (now >= token.expiresAt.getTime()) return refusal('TOKEN_EXPIRED');
  if (token.maxUses !== null && token.uses >= token.maxUses) return refusal('TOKEN_EXHAUSTED');
  return undefined;
}
