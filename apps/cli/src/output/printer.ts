/** Where command output goes: NX-OS-like text for people, JSON with `--json` for machines. */
export class Printer {
  constructor(readonly json: boolean) {}

  /** Text exactly as given (the agent's `show` outputs already end with their newline). */
  raw(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  line(text = ''): void {
    process.stdout.write(`${text}\n`);
  }

  data(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Either JSON of `value`, or the text `render` makes of it. */
  either<T>(value: T, render: (v: T) => string): void {
    if (this.json) this.data(value);
    else this.raw(render(value));
  }

  table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const fmt = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
    return [fmt(headers), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
  }
}
