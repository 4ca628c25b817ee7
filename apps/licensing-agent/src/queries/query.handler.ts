import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AgentQuery, AgentQueryReply } from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import { diagnoseLive, renderLicenseAll, renderLicenseStatus, renderLicenseSummary, renderLicenseUsage, toLicenseStatusJson, type LicenseView } from '@fleetlic/licensing-domain';
import { CLOCK, DATA_SOURCE } from '../agent.tokens';
import { findEvents, findSwitchByName, listSwitches, type SwitchReadRow } from './switch-read.repository';

type Show = Extract<AgentQuery, { type: 'show' }>;

const found = (body: unknown): AgentQueryReply => ({ found: true, body });
const NOT_FOUND: AgentQueryReply = { found: false };

/** Answers `<ns>.agent.query`: reads of the switches this agent owns, at the shared clock's now. */
@Injectable()
export class QueryHandler {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `headerTime`: the asker's instant (`Fleetlic-Time`); the answer is rendered at the later one. */
  async handle(q: AgentQuery, headerTime?: number): Promise<AgentQueryReply> {
    const now = this.clock.at(headerTime);
    switch (q.type) {
      case 'list':
        return found(await this.list(q));
      case 'events': {
        const items = await findEvents(this.ds, q.name, q.limit, q.since ? new Date(q.since) : undefined);
        return items ? found({ items: items.map((e) => ({ id: String(e.id), name: e.name, at: e.at.toISOString(), severity: e.severity, message: e.message, data: e.data })) }) : NOT_FOUND;
      }
      default: {
        const row = await findSwitchByName(this.ds, q.name);
        if (!row) return NOT_FOUND;
        if (q.type === 'resolve') return found({ switchId: row.id, name: row.name });
        if (q.type === 'get') return found(this.switchJson(row, now));
        if (q.type === 'diagnosis') return found(diagnoseLive({ state: row.state, callhome: row.callhome, network: row.network }));
        return found(this.show(row, q, now));
      }
    }
  }

  private switchJson(row: SwitchReadRow, now: number) {
    return {
      id: row.id,
      name: row.name,
      pid: row.pid,
      serialNumber: row.serial_number,
      udi: row.udi,
      nxosVersion: row.nxos_version,
      callhome: row.callhome,
      network: row.network,
      createdAt: new Date(row.created_at).toISOString(),
      license: toLicenseStatusJson(view(row), row.name, now),
    };
  }

  /** Text: the NX-OS output as a string. JSON: the status JSON (usage: its `usage` list). */
  private show(row: SwitchReadRow, q: Show, now: number): unknown {
    const v = view(row);
    if (q.format === 'json') {
      const json = toLicenseStatusJson(v, row.name, now);
      return q.what === 'usage' ? { name: json.name, udi: json.udi, usage: json.usage } : json;
    }
    switch (q.what) {
      case 'status':
        return renderLicenseStatus(v, now);
      case 'summary':
        return renderLicenseSummary(v, now);
      case 'usage':
        return renderLicenseUsage(v);
      case 'all':
        return renderLicenseAll(v, now);
    }
  }

  private async list(q: Extract<AgentQuery, { type: 'list' }>) {
    const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8') : undefined;
    // One row more than asked tells whether another page exists.
    const rows = await listSwitches(this.ds, { registration: q.registration, authorization: q.authorization, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const more = rows.length > q.limit;
    return {
      items: page.map((r) => ({ name: r.name, udi: r.udi, registration: r.registration_status, authorization: r.authorization_status, nextWakeAt: r.next_wake_at ? new Date(r.next_wake_at).toISOString() : null })),
      nextCursor: more ? Buffer.from(page[page.length - 1].name, 'utf8').toString('base64url') : null,
    };
  }
}

function view(row: SwitchReadRow): LicenseView {
  return { state: row.state, udi: { pid: row.pid, serialNumber: row.serial_number } };
}
