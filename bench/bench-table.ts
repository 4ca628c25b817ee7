/** Prints benchmark figures as an aligned table. */
export function printTable(title: string, rows: Array<[string, string | number]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  console.log('-'.repeat(title.length));
  for (const [key, value] of rows) {
    const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(1)) : value;
    console.log(`${key.padEnd(width)}  ${shown}`);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
