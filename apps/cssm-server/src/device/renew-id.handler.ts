import { RenewIdAnswer } from '@fleetlic/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { verifyCsr } from '../ca/csr-verifier';
import { ProductInstance } from '../persistence/product-instance.entity';
import { SilenceScheduler } from '../silence/silence-scheduler';
import { DeviceRefusal, isRefusal, refusal } from './device-refusal';
import { iso, RenewIdRequest, RENEWAL_PERIOD_DAYS } from './device-request.types';
import { IdCertificateIssuer } from './id-certificate.issuer';
import { authenticateInstance } from './instance-authenticator';

/** ID certificate renewal (SPEC §7): a signed message with a new CSR gets a new 365-day certificate. */
@Injectable()
export class RenewIdHandler {
  constructor(
    private readonly issuer: IdCertificateIssuer,
    private readonly silence: SilenceScheduler,
  ) {}

  async handle(em: EntityManager, req: RenewIdRequest, now: number): Promise<RenewIdAnswer | DeviceRefusal> {
    const instance = await authenticateInstance(em, req, now);
    if (isRefusal(instance)) return instance;
    const csr = await verifyCsr(req.csr);
    if (!csr.ok) return refusal('MALFORMED', csr.why);
    const cert = await this.issuer.issue(csr.publicKey, req.udi, now);
    await em.getRepository(ProductInstance).update(
      { id: instance.id },
      { certSerial: cert.serial, certNotAfter: new Date(cert.notAfter), publicKeyPem: csr.publicKeyPem, lastContactAt: new Date(now) },
    );
    await this.silence.afterContact(em, instance.id, now);
    await this.silence.atCertificateEnd(em, instance.id, cert.notAfter, now);
    return {
      status: 'SUCCESS',
      idCertificate: cert.pem,
      notBefore: iso(cert.notBefore),
      notAfter: iso(cert.notAfter),
      renewalPeriodDays: RENEWAL_PERIOD_DAYS,
      serverTime: iso(now),
    };
  }
}
