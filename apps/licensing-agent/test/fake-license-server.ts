import { createPublicKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { adapterCallSchema, verifyDeviceMessage, type AdapterCall, type AdapterReply } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';

const DAY = 86_400_000;

/**
 * Test-only responder on `<ns>.adapter.call` that answers like a license server: an ID
 * certificate for a registration, compliance for an authorization. It checks what a server
 * checks: later messages must be signed by the key of the registration's CSR.
 */
export function serveFakeLicenseServer(m: Messaging, opts: { now: () => number; reply?: (call: AdapterCall) => AdapterReply | undefined }) {
  const calls: AdapterCall[] = [];
  const keys = new Map<string, string>();
  const sub = m.serve(m.subjects.adapterCall, {
    queue: 'adapter',
    schema: adapterCallSchema,
    handler: async (call: AdapterCall): Promise<AdapterReply> => {
      calls.push(call);
      const custom = opts.reply?.(call);
      if (custom) return custom;
      const r = call.request;
      const now = opts.now();
      const serverTime = new Date(now).toISOString();
      const udi = `${r.udi.pid}:${r.udi.sn}`;
      if (r.type === 'register') {
        const csr = new x509.Pkcs10CertificateRequest(r.csr);
        keys.set(udi, createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString());
        return {
          ok: true,
          answer: { status: 'SUCCESS', idCertificate: 'test-certificate', notBefore: serverTime, notAfter: new Date(now + 365 * DAY).toISOString(), renewalPeriodDays: 180, smartAccount: 'Demo Customer', virtualAccount: 'Default', exportControlled: false, serverTime },
        };
      }
      const key = keys.get(udi);
      if (!key || !verifyDeviceMessage(r, key)) return { ok: true, answer: { status: 'FAILED', code: 'SIGNATURE_INVALID', reason: 'The message signature is not valid' } };
      if (r.type === 'authorize') {
        return {
          ok: true,
          answer: { status: 'SUCCESS', inCompliance: true, entitlements: r.entitlements.map((e) => ({ ...e, status: 'AUTHORIZED' })), authorizedAt: serverTime, validUntil: new Date(now + 90 * DAY).toISOString(), renewalIntervalDays: 30, serverTime },
        };
      }
      if (r.type === 'deregister') return { ok: true, answer: { status: 'SUCCESS', serverTime } };
      return { ok: true, answer: { status: 'SUCCESS', idCertificate: 'renewed', notBefore: serverTime, notAfter: new Date(now + 365 * DAY).toISOString(), renewalPeriodDays: 180, serverTime } };
    },
  });
  return { calls, stop: () => sub.unsubscribe() };
}
