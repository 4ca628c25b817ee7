import { createSecureContext, SecureContext } from 'node:tls';

/** Distinct anchor sets × servers kept; beyond it the cache starts over (literal PEM anchors are per switch). */
const MAX_ENTRIES = 256;

interface Entry {
  context: SecureContext;
  session?: Buffer;
}

/**
 * What thousands of switches with the same trust anchors would each compute again: the
 * SecureContext (parsing the anchor PEMs costs more than a handshake's own work) and a TLS
 * session to resume. A session is kept per (server, exact anchor set) and only from a
 * handshake that verified, so resuming it proves what a full handshake with these anchors
 * would: a switch lacking the anchor has another key and still fails (SPEC §11 problem 3), and
 * the license server changes its ticket keys when it rotates its CA.
 */
export class TlsClientCache {
  private readonly entries = new Map<string, Entry>();

  entry(server: string, ca: string[]): { key: string; context: SecureContext; session?: Buffer } {
    const key = `${server}\n${ca.join('\n')}`;
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      entry = { context: createSecureContext({ ca }) };
      this.entries.set(key, entry);
    }
    return { key, context: entry.context, session: entry.session };
  }

  remember(key: string, session: Buffer): void {
    const entry = this.entries.get(key);
    if (entry) entry.session = session;
  }

  /** A resumption that failed verification or the connection: next time, a full handshake. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.session = undefined;
  }
}
