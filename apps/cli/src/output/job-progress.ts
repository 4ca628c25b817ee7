import { SingleBar, Presets } from 'cli-progress';
import type { GatewayClient } from '../http/gateway-client';

export interface Job {
  id: string;
  kind: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  failed: number;
  errors: { line?: number; name?: string; reason: string }[];
}

const POLL_MS = 250;

/**
 * Follows a gateway job until it ends, with a progress bar on a terminal (stderr, so stdout
 * stays clean for `--json` and pipes).
 */
export async function followJob(client: GatewayClient, jobId: string, unit: string): Promise<Job> {
  const bar = process.stderr.isTTY ? new SingleBar({ format: `{bar} {percentage}% | {value}/{total} ${unit}`, hideCursor: true }, Presets.shades_classic) : undefined;
  let started = false;
  for (;;) {
    const job = await client.call<Job>('GET', `/jobs/${encodeURIComponent(jobId)}`);
    if (bar) {
      if (!started) bar.start(Math.max(job.total, 1), 0);
      started = true;
      bar.setTotal(Math.max(job.total, 1));
      bar.update(job.done + job.failed);
    }
    if (job.state === 'done' || job.state === 'failed') {
      bar?.stop();
      return job;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
