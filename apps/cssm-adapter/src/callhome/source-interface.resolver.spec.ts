import { CallhomeConfig, defaultCallhome, NetworkConfig } from '@fleetlic/contracts';
import { sourceBinding } from './source-interface.resolver';

describe('sourceBinding (SPEC §11 problem 1)', () => {
  const network: NetworkConfig = {
    interfaces: [
      { name: 'Vlan27', vrf: 'default', reachable: true },
      { name: 'mgmt0', vrf: 'management', reachable: true },
      { name: 'Ethernet1/1', vrf: 'management', reachable: false },
    ],
    nameServers: {},
    hosts: {},
    trustAnchors: ['current'],
  };
  const callhome = (extra: Partial<CallhomeConfig> = {}): CallhomeConfig => ({ ...defaultCallhome('https://127.0.0.1:8443'), ...extra });

  it('uses the first interface of the Call Home VRF, bound to loopback for a local server', () => {
    expect(sourceBinding(callhome(), network, '127.0.0.1')).toEqual({ interfaceName: 'mgmt0', localAddress: '127.0.0.1', reachable: true });
  });
  it('lets the OS route a reachable interface to a remote server', () => {
    expect(sourceBinding(callhome(), network, '198.51.100.7')).toEqual({ interfaceName: 'mgmt0', localAddress: undefined, reachable: true });
  });
  it('honours ip http source-interface, case-insensitively', () => {
    expect(sourceBinding(callhome({ sourceInterface: 'MGMT0' }), network, '127.0.0.1').reachable).toBe(true);
  });
  it.each([
    ['in another VRF', 'Vlan27'],
    ['unreachable', 'Ethernet1/1'],
    ['missing', 'Vlan99'],
  ])('binds an unconfigured address for an interface %s', (_why, sourceInterface) => {
    expect(sourceBinding(callhome({ sourceInterface }), network, '127.0.0.1')).toMatchObject({ localAddress: '192.0.2.1', reachable: false });
  });
  it('has no path when the VRF has no interface, in either address family', () => {
    expect(sourceBinding(callhome({ vrf: 'blue' }), network, '::1')).toEqual({ interfaceName: undefined, localAddress: '2001:db8::1', reachable: false });
  });
});
