import { signDeviceMessage, type DeviceRequest } from '@fleetlic/contracts';
import type { CssmRequest } from '@fleetlic/licensing-domain';
import { createCsr } from '../keys/switch-key';

/** What the builder needs to know about the switch (never logged: it holds the key). */
export interface SwitchCredentials {
  switchId: string;
  pid: string;
  serialNumber: string;
  nxosVersion: string;
  privateKey: string;
}

/**
 * The device message for one domain request. The message id is derived from the switch and
 * the domain's request id, so a redelivered command repeats the exchange with the same id and
 * the license server answers as before (no second token use). Everything but `register` is
 * signed with the switch key, which the server knows from the CSR of the registration.
 */
export async function buildDeviceMessage(sw: SwitchCredentials, request: CssmRequest): Promise<DeviceRequest> {
  const base = { messageId: `${sw.switchId}:${request.requestId}`, udi: { pid: sw.pid, sn: sw.serialNumber } };
  switch (request.kind) {
    case 'register':
      return {
        type: 'register',
        ...base,
        idToken: request.idToken ?? '',
        csr: await createCsr(sw.privateKey, base.udi),
        nxosVersion: sw.nxosVersion,
      };
    case 'renew-id':
      return signDeviceMessage({ type: 'renew-id' as const, ...base, csr: await createCsr(sw.privateKey, base.udi) }, sw.privateKey);
    case 'authorize':
      return signDeviceMessage({ type: 'authorize' as const, ...base, entitlements: (request.entitlements ?? []).map((e) => ({ tag: e.tag, count: e.count })) }, sw.privateKey);
    case 'deregister':
      return signDeviceMessage({ type: 'deregister' as const, ...base }, sw.privateKey);
  }
}
