import { isIP } from 'node:net';
import { CallhomeConfig, NetworkConfig } from '@fleetlic/contracts';

/**
 * Local addresses that no host configures (RFC 5737 TEST-NET-1, RFC 3849): binding a socket to
 * one makes the kernel refuse the connection (EADDRNOTAVAIL), which is exactly a source
 * interface without a path to the server (SPEC §11 problem 1).
 */
const NO_PATH_ADDRESS = { 4: '192.0.2.1', 6: '2001:db8::1' } as const;
const LOOPBACK = { 4: '127.0.0.1', 6: '::1' } as const;

export interface SourceBinding {
  /** The interface Call Home sends from (for logs and diagnosis), if any. */
  interfaceName?: string;
  /** `localAddress` for the socket; undefined lets the OS route (a reachable non-loopback path). */
  localAddress?: string;
  reachable: boolean;
}

/**
 * Chooses the interface as NX-OS does: `ip http source-interface` when set, else the first
 * interface of the Call Home VRF. It has a path only if it exists, sits in that VRF and is
 * reachable. Loopback is this lab's management network, so a reachable interface binds the
 * loopback address when the destination is local.
 */
export function sourceBinding(callhome: CallhomeConfig, network: NetworkConfig, destinationIp: string): SourceBinding {
  const family = isIP(destinationIp) === 6 ? 6 : 4;
  const name = callhome.sourceInterface ?? network.interfaces.find((i) => i.vrf === callhome.vrf)?.name;
  const iface = name ? network.interfaces.find((i) => i.name.toLowerCase() === name.toLowerCase()) : undefined;
  const reachable = !!iface && iface.vrf === callhome.vrf && iface.reachable;
  if (!reachable) return { interfaceName: name, localAddress: NO_PATH_ADDRESS[family], reachable: false };
  return { interfaceName: iface.name, localAddress: isLoopback(destinationIp) ? LOOPBACK[family] : undefined, reachable: true };
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1';
}
