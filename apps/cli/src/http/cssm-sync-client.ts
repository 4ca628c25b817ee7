import type { CliConfig } from '../config/cli-config';
import { CssmClient } from './cssm-client';
import { failure } from './gateway-client';

export interface SyncReply {
  text: string;
  /** The file name from Content-Disposition, when the server sent a file. */
  fileName?: string;
}

/**
 * The license servers' On-Prem sync routes (`/admin/api/v1/onprem-accounts`, `/sync/...`), which
 * exchange YAML files rather than JSON, over CssmClient's authorized requests.
 */
export class CssmSyncClient {
  private readonly client: CssmClient;

  constructor(config: CliConfig) {
    this.client = new CssmClient(config);
  }

  async call(method: string, path: string, body?: { text: string; type: string }): Promise<SyncReply> {
    const res = await this.client.request(method, `/admin/api/v1${path}`, body ? { 'content-type': body.type } : {}, body?.text);
    if (res.status >= 400) throw failure(res.status, res.text);
    const fileName = /filename="([^"]+)"/.exec(res.disposition ?? '')?.[1];
    return { text: res.text, ...(fileName ? { fileName } : {}) };
  }
}
