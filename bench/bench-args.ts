import { parseArgs } from 'node:util';

/** Options every benchmark understands; each passes its own defaults. */
export interface BenchArgs {
  switches: number;
  concurrency: number;
  seconds: number;
  rate: number;
  jobs: number;
  /** queries: how many switches to onboard end to end before copying up to --switches. */
  onboard?: number;
}

export function benchArgs(defaults: Partial<BenchArgs> = {}): BenchArgs {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      switches: { type: 'string' },
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      rate: { type: 'string' },
      jobs: { type: 'string' },
      onboard: { type: 'string' },
    },
  });
  const num = (key: Exclude<keyof BenchArgs, 'onboard'>, fallback: number) => {
    const raw = values[key];
    const n = raw === undefined ? (defaults[key] ?? fallback) : Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} must be a positive number`);
    return n;
  };
  const onboard = values.onboard === undefined ? undefined : Number(values.onboard.replace(/_/g, ''));
  if (onboard !== undefined && !(Number.isInteger(onboard) && onboard > 0)) throw new Error('--onboard must be a positive whole number');
  return { switches: num('switches', 2_000), concurrency: num('concurrency', 128), seconds: num('seconds', 20), rate: num('rate', 200), jobs: num('jobs', 20_000), onboard };
}
