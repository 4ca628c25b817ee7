/** One VA's pool of a tag, and the counts its product instances report (SPEC §9). */
export interface PoolInput {
  tag: string;
  purchased: number;
}

export interface UsageInput {
  instance: string;
  tag: string;
  count: number;
  /** Usage released after 90 days of silence (or deregistration) no longer counts. */
  released: boolean;
}

export interface ComplianceReport {
  tags: { tag: string; purchased: number; inUse: number; balance: number; inCompliance: boolean }[];
  /** Instances using at least one tag whose balance is negative, sorted. */
  outOfCompliance: string[];
  /** Per instance: the status of each tag it reports (released usage excepted). */
  instances: Record<string, { tag: string; count: number; status: 'AUTHORIZED' | 'OUT OF COMPLIANCE' }[]>;
}

/**
 * Compliance of one VA: in use = sum of unreleased counts per tag, balance = purchased − in use.
 * The caller runs this inside the transaction that records the new usage (no two winners).
 */
export function computeCompliance(pools: PoolInput[], usage: UsageInput[]): ComplianceReport {
  const purchased = new Map<string, number>();
  for (const p of pools) purchased.set(p.tag, (purchased.get(p.tag) ?? 0) + p.purchased);
  const inUse = new Map<string, number>();
  const live = usage.filter((u) => !u.released && u.count > 0);
  for (const u of live) inUse.set(u.tag, (inUse.get(u.tag) ?? 0) + u.count);
  const tagNames = [...new Set([...purchased.keys(), ...inUse.keys()])].sort();
  const tags = tagNames.map((tag) => {
    const bought = purchased.get(tag) ?? 0;
    const used = inUse.get(tag) ?? 0;
    return { tag, purchased: bought, inUse: used, balance: bought - used, inCompliance: bought - used >= 0 };
  });
  const negative = new Set(tags.filter((t) => !t.inCompliance).map((t) => t.tag));
  const instances: ComplianceReport['instances'] = {};
  for (const u of live) {
    const status = negative.has(u.tag) ? 'OUT OF COMPLIANCE' : 'AUTHORIZED';
    (instances[u.instance] ??= []).push({ tag: u.tag, count: u.count, status });
  }
  const outOfCompliance = Object.keys(instances)
    .filter((i) => instances[i].some((e) => e.status === 'OUT OF COMPLIANCE'))
    .sort();
  return { tags, outOfCompliance, instances };
}
