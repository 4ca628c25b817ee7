import { DEVICE_PATHS, signDeviceMessage } from '@fleetlic/contracts';
import { generateKeyPairSync, KeyObject, randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { postJson } from './cssm-harness';

x509.cryptoProvider.set(webcrypto as any);

/** A switch as the cssm-adapter speaks for it: an EC P-256 key, a CSR, signed messages. */
export class SimulatedSwitch {
  privateKey: KeyObject;
  private cryptoKeys?: webcrypto.CryptoKeyPair;

  constructor(
    readonly serverUrl: string,
    readonly pid: string,
    readonly sn: string,
    readonly path: string = DEVICE_PATHS.cloud,
  ) {
    this.privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  }

  get udi() {
    return { pid: this.pid, sn: this.sn };
  }

  /** A PKCS#10 request for a fresh key (which becomes this switch's key). */
  async csr(): Promise<string> {
    this.cryptoKeys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const req = await x509.Pkcs10CertificateRequestGenerator.create({
      name: `CN=${this.pid}:${this.sn}`,
      keys: this.cryptoKeys as any,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    this.privateKey = KeyObject.from(this.cryptoKeys.privateKey);
    return req.toString('pem');
  }

  async send(message: Record<string, unknown>, time?: number) {
    const headers: Record<string, string> = time !== undefined ? { 'Fleetlic-Time': new Date(time).toISOString() } : {};
    return postJson(`${this.serverUrl}${this.path}`, message, headers);
  }

  async register(idToken: string, opts: { messageId?: string; time?: number } = {}) {
    return this.send({ type: 'register', messageId: opts.messageId ?? randomUUID(), udi: this.udi, idToken, csr: await this.csr() }, opts.time);
  }

  signed(message: Record<string, unknown>) {
    return signDeviceMessage({ ...message, udi: this.udi }, this.privateKey);
  }

  async authorize(entitlements: { tag: string; count: number }[], opts: { messageId?: string; time?: number } = {}) {
    return this.send(this.signed({ type: 'authorize', messageId: opts.messageId ?? randomUUID(), entitlements }), opts.time);
  }

  async renewId(opts: { messageId?: string; time?: number } = {}) {
    const signer = this.privateKey;
    const csr = await this.csr();
    const message = signDeviceMessage({ type: 'renew-id', messageId: opts.messageId ?? randomUUID(), udi: this.udi, csr }, signer);
    return this.send(message, opts.time);
  }

  async deregister(opts: { messageId?: string; time?: number } = {}) {
    return this.send(this.signed({ type: 'deregister', messageId: opts.messageId ?? randomUUID() }), opts.time);
  }
}
