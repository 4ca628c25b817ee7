import { verifyDeviceMessage } from '@fleetlic/contracts';
import { EntityManager } from 'typeorm';
import { ProductInstance } from '../persistence/product-instance.entity';
import { DeviceRefusal, refusal } from './device-refusal';

type Signed = { udi: { pid: string; sn: string }; signature?: string };

/**
 * Finds the instance a signed device message speaks for, locked for the rest of the
 * transaction, and checks the signature against the key of its current ID certificate.
 */
export async function authenticateInstance(em: EntityManager, message: Signed, now: number): Promise<ProductInstance | DeviceRefusal> {
  const instance = await em
    .getRepository(ProductInstance)
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .where('i.udi_pid = :pid AND i.udi_sn = :sn', message.udi)
    .getOne();
  // A copy mirrored from an On-Prem sync has no key here: that switch belongs to its On-Prem server.
  if (!instance || instance.onpremAccountId) return refusal('UNKNOWN_INSTANCE');
  if (!verifyDeviceMessage(message, instance.publicKeyPem)) return refusal('SIGNATURE_INVALID');
  if (instance.removedAt) return refusal('CERTIFICATE_REVOKED');
  // Its certificate has expired: the instance is gone even if the expiry wake has not run yet.
  if (instance.certNotAfter.getTime() <= now) return refusal('UNKNOWN_INSTANCE');
  return instance;
}
