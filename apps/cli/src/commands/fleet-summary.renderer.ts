/** The body of `GET /fleet/summary`, as far as the text rendering needs it. */
export interface FleetSummary {
  at: string;
  total: number;
  registration: Record<string, number>;
  authorization: Record<string, number>;
  upcoming: Record<string, { within7Days: number; within30Days: number; next: { name: string; at: string }[] }>;
  failures: { reason: string; count: number }[];
  pools: { available: true; accounts: { domain: string; virtualAccount: string; licenses: { license: string; quantity: number; inUse: number; available: number; status: string }[] }[] } | { available: false; reason: string };
}

const LABELS: Record<string, string> = {
  communicationDeadline: 'Communication deadline',
  certificateExpiry: 'ID certificate expiry',
  evaluationEnd: 'Evaluation end',
};

const counts = (title: string, m: Record<string, number>) => [title, ...Object.entries(m).map(([k, n]) => `  ${k.padEnd(36)} ${String(n).padStart(7)}`)];

/** `fleetlic fleet summary` for people: the Monday-morning view of the fleet. */
export function renderFleetSummary(s: FleetSummary): string {
  const lines = [`Fleet of ${s.total} switches at ${s.at}`, '', ...counts('Registration:', s.registration), '', ...counts('Authorization:', s.authorization), '', 'Coming up:               within 7 days  within 30 days  next'];
  for (const [kind, u] of Object.entries(s.upcoming)) {
    const next = u.next[0] ? `${u.next[0].name} ${u.next[0].at}` : '-';
    lines.push(`  ${(LABELS[kind] ?? kind).padEnd(22)} ${String(u.within7Days).padStart(13)}  ${String(u.within30Days).padStart(14)}  ${next}`);
  }
  lines.push('', 'Failures by reason:');
  if (!s.failures.length) lines.push('  none');
  for (const f of s.failures) lines.push(`  ${String(f.count).padStart(7)}  ${f.reason}`);
  lines.push('', 'License pools:');
  if (!s.pools.available) lines.push(`  unavailable: ${s.pools.reason}`);
  else
    for (const a of s.pools.accounts) {
      lines.push(`  ${a.domain} / ${a.virtualAccount}`);
      for (const l of a.licenses) lines.push(`    ${l.license.padEnd(28)} purchased ${String(l.quantity).padStart(6)}  in use ${String(l.inUse).padStart(6)}  balance ${String(l.available).padStart(6)}  ${l.status}`);
    }
  return lines.join('\n');
}
