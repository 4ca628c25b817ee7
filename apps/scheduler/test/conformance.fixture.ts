import { expect } from 'vitest';
import type { Stack } from '@fleetlic/testing';
import { gateway } from '../../device-gateway/test/support/system-fixture';

export { CLIENT, licenseServer, SIMULATED_ENV, START, switchBody } from '../../device-gateway/test/support/system-fixture';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** An instant as NX-OS prints it in `show license status`: `Jun 22 16:15:41 2022 UTC`. */
export function nxDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} UTC`;
}

export interface SwitchEventItem {
  id: string;
  name: string;
  at: string;
}

/** The public API as an operator and an admin use it in the conformance scenarios. */
export function conformanceApi(stack: Stack) {
  const op = gateway(stack, 'operator');
  const admin = gateway(stack, 'admin');
  return {
    op,
    async advanceTo(to: number): Promise<void> {
      const res = await admin('POST', '/clock/advance', { body: { to: new Date(to).toISOString() } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Date.parse(res.body.now)).toBe(to);
    },
    async now(): Promise<number> {
      const res = await admin('GET', '/clock');
      return Date.parse(res.body.now);
    },
    async statusText(name: string): Promise<string> {
      const res = await op('GET', `/switches/${name}/license/status`, { accept: 'text/plain' });
      expect(res.status).toBe(200);
      return res.text;
    },
    /** Every event of a switch, oldest first. */
    async events(name: string): Promise<SwitchEventItem[]> {
      const res = await op('GET', `/switches/${name}/events?limit=1000`);
      expect(res.status).toBe(200);
      return [...(res.body.items as SwitchEventItem[])].reverse();
    },
  };
}

/** The distinct instants (epoch ms, ascending) of the events whose name matches. */
export function instantsOf(events: SwitchEventItem[], name: RegExp): number[] {
  return [...new Set(events.filter((e) => name.test(e.name)).map((e) => Date.parse(e.at)))].sort((a, b) => a - b);
}
