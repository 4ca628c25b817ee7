import { logger } from '@fleetlic/telemetry';
import { TrustRoots } from '../callhome/trust-anchors.resolver';
import { fetchCaRoots } from './ca-bootstrap.fetcher';
import { readCaFiles } from './ca-files.reader';

const REFETCH_INTERVAL_MS = 5_000;

export interface TrustStoreOptions {
  stateDir: string;
  namespace: string;
  /** FLEETLIC_CSSM_URL, asked for the roots only when no file exists. */
  cssmUrl: string;
  fetchTimeoutMs: number;
}

/**
 * What "current" and "legacy" mean for the switches: the license servers' roots. Loaded at
 * start; refreshed after a TLS failure, so that a CA rotation (new files) is picked up
 * without a restart while a switch that truly lacks the anchor keeps failing.
 */
export class TrustStore {
  private roots: TrustRoots = { current: '', legacy: '' };
  private signature = '';
  private source: 'none' | 'files' | 'server' = 'none';
  private inFlight?: Promise<boolean>;
  private lastFetchAt = 0;

  constructor(private readonly opts: TrustStoreOptions) {}

  current(): TrustRoots {
    return this.roots;
  }

  /** Reads the files, or the server's bootstrap answer when there are none. */
  async load(): Promise<void> {
    await this.refresh();
    if (this.source === 'none') logger.warn('no license server CA found yet; TLS exchanges will fail until one appears', { stateDir: this.opts.stateDir });
  }

  /**
   * True when the roots changed (so an exchange that failed TLS is worth one more try).
   * Concurrent callers share one refresh: a fleet failing TLS at once costs one read.
   */
  refresh(): Promise<boolean> {
    this.inFlight ??= this.reload().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async reload(): Promise<boolean> {
    const files = await readCaFiles(this.opts.stateDir, this.opts.namespace);
    if (files.signature !== '') {
      if (this.source === 'files' && files.signature === this.signature) return false;
      const changed = !sameRoots(files.roots, this.roots);
      this.set(files.roots, 'files', files.signature);
      logger.info('trust anchors loaded from files', { instances: files.instances });
      return changed;
    }
    // Without files, ask the server at most every few seconds: a switch that lacks the anchor
    // fails TLS on every retry, and that must not turn into a request storm.
    if (this.lastFetchAt > 0 && Date.now() - this.lastFetchAt < REFETCH_INTERVAL_MS) return false;
    this.lastFetchAt = Date.now();
    try {
      const fetched = await fetchCaRoots(this.opts.cssmUrl, this.opts.fetchTimeoutMs);
      const changed = !sameRoots(fetched, this.roots);
      this.set(fetched, 'server', '');
      if (changed) logger.info('trust anchors bootstrapped from the license server', { url: this.opts.cssmUrl });
      return changed;
    } catch (err) {
      logger.warn('cannot fetch the license server CA', { url: this.opts.cssmUrl, error: String(err) });
      return false;
    }
  }

  private set(roots: TrustRoots, source: 'files' | 'server', signature: string): void {
    this.roots = roots;
    this.source = source;
    this.signature = signature;
  }
}

function sameRoots(a: TrustRoots, b: TrustRoots): boolean {
  return a.current === b.current && a.legacy === b.legacy;
}
