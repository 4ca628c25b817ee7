import type { AuthorizationStatus, RegistrationStatus } from '@fleetlic/contracts';
import type { AttemptRecord } from './agent-state';
import { entitlementName } from './entitlement-names';
import { EVALUATION_PERIOD_MS, evaluationUsedMs } from './evaluation';
import type { LicenseView } from './license-view';
import { usageStatus } from './show-sections';
import { smartLicensingEnabled } from './smart-licensing';
import { toIso } from './time';

interface AttemptJson {
  result: 'SUCCEEDED' | 'FAILED';
  at: string;
  reason?: string;
}

/** The license status JSON of API.md §1, times in ISO 8601 UTC. */
export interface LicenseStatusJson {
  name: string;
  udi: { pid: string; serialNumber: string };
  smartLicensing: 'ENABLED' | 'DISABLED';
  registration: {
    status: RegistrationStatus;
    smartAccount?: string;
    virtualAccount?: string;
    exportControlled: boolean;
    initial?: AttemptJson;
    lastRenewal?: AttemptJson;
    nextAttemptAt?: string;
    expiresAt?: string;
  };
  authorization: {
    status: AuthorizationStatus;
    since?: string;
    lastCommunication?: AttemptJson;
    nextAttemptAt?: string;
    deadline?: string;
  };
  evaluation: { usedSeconds: number; remainingSeconds: number; expired: boolean };
  usage: { tag: string; name: string; count: number; status: string }[];
}

const attempt = (a: AttemptRecord | undefined): AttemptJson | undefined =>
  a && { result: a.result, at: toIso(a.at), ...(a.reason !== undefined ? { reason: a.reason } : {}) };
const iso = (ms: number | undefined) => (ms === undefined ? undefined : toIso(ms));

/** Drops undefined members so that the JSON has exactly the fields that apply. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function toLicenseStatusJson(view: LicenseView, name: string, now: number): LicenseStatusJson {
  const { registration: r, authorization: a } = view.state;
  const used = evaluationUsedMs(view.state, now);
  // nextAttemptAt of the registration: the next registration attempt while registering, else the renewal.
  const nextRegistration = r.status === 'REGISTERING' ? r.nextAttemptAt : r.nextRenewalAt;
  return {
    name,
    udi: { pid: view.udi.pid, serialNumber: view.udi.serialNumber },
    smartLicensing: smartLicensingEnabled(view.state) ? 'ENABLED' : 'DISABLED',
    registration: compact({
      status: r.status,
      smartAccount: r.smartAccount,
      virtualAccount: r.virtualAccount,
      exportControlled: r.exportControlled,
      initial: attempt(r.initial),
      lastRenewal: attempt(r.lastRenewal),
      nextAttemptAt: iso(nextRegistration),
      expiresAt: iso(r.certificate?.notAfter),
    }),
    authorization: compact({
      status: a.status,
      since: iso(a.since),
      lastCommunication: attempt(a.lastCommunication),
      nextAttemptAt: iso(a.nextAttemptAt),
      deadline: iso(a.deadline),
    }),
    evaluation: {
      usedSeconds: Math.floor(used / 1000),
      remainingSeconds: Math.floor((EVALUATION_PERIOD_MS - used) / 1000),
      expired: used >= EVALUATION_PERIOD_MS,
    },
    usage: view.state.entitlements.map((e) => ({ tag: e.tag, name: entitlementName(e.tag), count: e.count, status: usageStatus(view, e.tag) })),
  };
}
