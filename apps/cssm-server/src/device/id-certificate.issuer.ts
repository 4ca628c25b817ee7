import { Injectable } from '@nestjs/common';
import * as x509 from '@peculiar/x509';
import { CaService } from '../ca/ca.service';
import { issueIdCertificate } from '../ca/certificate-issuer';
import { DAY_MS } from '../common/injection-tokens';
import { certificateInstant, ID_CERT_VALIDITY_DAYS } from './device-request.types';

export interface IssuedIdCertificate {
  pem: string;
  serial: string;
  notBefore: number;
  notAfter: number;
}

/** Issues a product instance's ID certificate with the current root: notBefore = server time, +365 days. */
@Injectable()
export class IdCertificateIssuer {
  constructor(private readonly ca: CaService) {}

  async issue(publicKey: x509.PublicKey, udi: { pid: string; sn: string }, now: number): Promise<IssuedIdCertificate> {
    const notBefore = certificateInstant(now);
    const notAfter = notBefore + ID_CERT_VALIDITY_DAYS * DAY_MS;
    const signer = await this.ca.currentSigner();
    const cert = await issueIdCertificate(signer, publicKey, udi, new Date(notBefore), new Date(notAfter));
    return { ...cert, notBefore, notAfter };
  }
}
