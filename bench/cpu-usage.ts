import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { processCpuMs } from './process-rss';

/** CPU used so far by each service, by every PostgreSQL and NATS server process, and by the machine. */
export interface CpuReading {
  services: Record<string, number>;
  postgresql: number;
  nats: number;
  /** Machine-wide busy and total jiffies from /proc/stat (all cores). */
  busy: number;
  total: number;
}

/** Sum of CPU ms of the processes with this command name (backends that exited are not seen). */
function byCommandMs(command: string): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command) sum += processCpuMs(Number(pid)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return sum;
}

export function readCpu(pids: Record<string, number>): CpuReading {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return {
    services: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid) ?? 0])),
    postgresql: byCommandMs('postgres'),
    nats: byCommandMs('nats-server'),
    busy: total - idle,
    total,
  };
}

/**
 * CPU ms per unit (a switch onboarded, a flow) of each service, of PostgreSQL and NATS, the
 * machine's busy share over the phase and the rate all of it allows on this machine's cores.
 */
export function cpuRows(a: CpuReading, b: CpuReading, units: number, unit: string): Array<[string, string | number]> {
  const services = Object.keys(b.services).map((k): [string, number] => [k, b.services[k] - (a.services[k] ?? 0)]);
  const servicesMs = services.reduce((s, [, ms]) => s + ms, 0);
  const pgMs = b.postgresql - a.postgresql;
  const natsMs = b.nats - a.nats;
  const allMs = servicesMs + pgMs + natsMs;
  const cores = cpus().length;
  return [
    ...services.map(([name, ms]): [string, number] => [`CPU ms per ${unit}: ${name}`, ms / units]),
    [`CPU ms per ${unit}: all services`, servicesMs / units],
    [`CPU ms per ${unit}: PostgreSQL (all backends)`, pgMs / units],
    [`CPU ms per ${unit}: nats-server`, natsMs / units],
    [`machine busy over the phase, % of ${cores} cores`, ((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total)).toFixed(0)],
    [`bound: ${cores} cores ÷ CPU per ${unit} (services + PostgreSQL + NATS), per s`, allMs ? (cores * 1000 * units) / allMs : NaN],
  ];
}
