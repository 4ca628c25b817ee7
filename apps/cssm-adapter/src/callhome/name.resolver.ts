import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { NetworkConfig } from '@fleetlic/contracts';
import { AdapterError, errorCode } from './adapter-error';
import { Deadline } from './deadline';

export interface ResolveOptions {
  network: NetworkConfig;
  /** The Call Home VRF: only its name servers are asked, as on NX-OS (`ip name-server … use-vrf`). */
  vrf: string;
  deadline: Deadline;
  /** Simulated clock: an unanswerable lookup fails at once instead of holding the clock. */
  simulated: boolean;
}

/**
 * Resolves a host as the switch would (SPEC §11 problem 4): an IP literal as is, then the static
 * `ip host` table, then a real DNS query to the VRF's name servers only (never the host's own
 * resolver, which would hide the fault). No answer means the message waits for the Call Home
 * timeout and then fails with "no DNS response".
 */
export async function resolveHost(host: string, opts: ResolveOptions): Promise<string> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return bare;
  const staticIp = lookupStatic(opts.network.hosts, bare);
  if (staticIp) return staticIp;
  // Every host table (NX-OS's too) knows localhost; a lab URL like https://localhost:8443
  // must not turn into a DNS fault.
  if (bare.toLowerCase() === 'localhost') return '127.0.0.1';

  const servers = opts.network.nameServers[opts.vrf] ?? [];
  const noAnswer = () => AdapterError.noDns(bare);
  if (servers.length === 0) {
    if (opts.simulated) throw noAnswer();
    return opts.deadline.hang(noAnswer);
  }

  // One try per server with the whole remaining budget: the Call Home timer, not c-ares's
  // retry schedule, decides when the switch gives up.
  const resolver = new Resolver({ timeout: Math.max(1, opts.deadline.remaining()), tries: 1 });
  resolver.setServers(servers);
  const query = resolver.resolve4(bare).then(
    (addresses) => {
      if (addresses.length === 0) throw noAnswer();
      return addresses[0];
    },
    (err: unknown) => {
      throw AdapterError.noDns(bare, errorCode(err));
    },
  );
  return opts.deadline.race(query, noAnswer, () => resolver.cancel());
}

/** `ip host` names are case-insensitive, like every DNS name. */
function lookupStatic(hosts: Record<string, string>, host: string): string | undefined {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  const entry = Object.entries(hosts).find(([name]) => name.toLowerCase().replace(/\.$/, '') === wanted);
  return entry && isIP(entry[1]) ? entry[1] : undefined;
}
