// Test support: an in-memory model of the license server (SPEC §5–§9), good enough for timelines.
import type { EntitlementUsage } from '@fleetlic/contracts';
import { computeCompliance, type CssmAnswer, type CssmRequest } from '../src';
import { DAY } from '../src/time';

interface Instance {
  udi: string;
  usage: EntitlementUsage[];
  lastSeen: number;
  notAfter: number;
}

export class CssmModel {
  readonly pools = new Map<string, number>();
  readonly instances = new Map<string, Instance>();

  addLicenses(tag: string, quantity: number): void {
    this.pools.set(tag, (this.pools.get(tag) ?? 0) + quantity);
  }

  /** SPEC §6/§7: usage silent for 90 days is released; an instance disappears at its notAfter. */
  housekeeping(now: number): void {
    for (const [udi, i] of this.instances) if (now >= i.notAfter) this.instances.delete(udi);
  }

  isReleased(i: Instance, now: number): boolean {
    return now - i.lastSeen >= 90 * DAY;
  }

  inUse(tag: string, now: number): number {
    this.housekeeping(now);
    return [...this.instances.values()].filter((i) => !this.isReleased(i, now)).reduce((n, i) => n + (i.usage.find((u) => u.tag === tag)?.count ?? 0), 0);
  }

  handle(udi: string, r: CssmRequest, now: number): CssmAnswer {
    this.housekeeping(now);
    const known = this.instances.get(udi);
    switch (r.kind) {
      case 'register':
        this.instances.set(udi, { udi, usage: [], lastSeen: now, notAfter: now + 365 * DAY });
        return {
          kind: 'register',
          result: 'success',
          idCertificate: { notBefore: now, notAfter: now + 365 * DAY },
          renewalPeriodDays: 180,
          smartAccount: 'Demo Customer',
          virtualAccount: 'Default',
          exportControlled: true,
        };
      case 'renew-id':
        if (!known) return { kind: r.kind, result: 'refused', code: 'UNKNOWN_INSTANCE', reason: 'The product instance is not registered' };
        known.notAfter = now + 365 * DAY;
        return { kind: 'renew-id', result: 'success', notBefore: now, notAfter: known.notAfter };
      case 'deregister':
        this.instances.delete(udi);
        return { kind: 'deregister', result: 'success' };
      case 'authorize': {
        if (!known) return { kind: r.kind, result: 'refused', code: 'UNKNOWN_INSTANCE', reason: 'The product instance is not registered' };
        known.usage = r.entitlements ?? [];
        known.lastSeen = now;
        const report = computeCompliance(
          [...this.pools].map(([tag, purchased]) => ({ tag, purchased })),
          [...this.instances.values()].flatMap((i) => i.usage.map((u) => ({ instance: i.udi, tag: u.tag, count: u.count, released: this.isReleased(i, now) }))),
        );
        return {
          kind: 'authorize',
          result: 'success',
          inCompliance: !report.outOfCompliance.includes(udi),
          entitlements: report.instances[udi] ?? [],
          validUntil: now + 90 * DAY,
          renewalIntervalDays: 30,
        };
      }
    }
  }
}
