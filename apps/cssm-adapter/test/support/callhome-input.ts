import { CallhomeConfig, defaultNetwork, DeviceRequest, NetworkConfig } from '@fleetlic/contracts';
import { CallhomeExchangeInput } from '../../src/callhome/callhome.client';
import { TestPki } from './test-pki';

export const deregisterRequest: DeviceRequest = { type: 'deregister', messageId: 'msg-1', udi: { pid: 'N9K-C9348GC-FXP', sn: 'FDO1234' }, signature: 'sig' };

/** A healthy switch (mgmt0 in management, trusting "current") pointed at `url`. */
export function callhomeInput(
  pki: TestPki,
  url: string,
  overrides: { callhome?: Partial<CallhomeConfig>; network?: Partial<NetworkConfig>; timeoutMs?: number; simulated?: boolean; time?: string } = {},
): CallhomeExchangeInput {
  return {
    callhome: { enabled: true, emailContact: 'noc@example.com', destinationUrl: url, transportMethod: 'http', vrf: 'management', ...overrides.callhome },
    network: { ...defaultNetwork(), ...overrides.network },
    request: deregisterRequest,
    time: overrides.time,
    timeoutMs: overrides.timeoutMs ?? 3000,
    simulated: overrides.simulated ?? false,
    trust: { current: pki.currentPem, legacy: pki.legacyPem },
  };
}
