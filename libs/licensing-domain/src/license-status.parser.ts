import type { AttemptRecord } from './agent-state';
import { parseShowDate } from './time';

/** What a pasted `show license status` says; every field is optional because pastes are partial. */
export interface ParsedLicenseStatus {
  smartLicensing?: 'ENABLED' | 'DISABLED';
  registration: {
    status?: string;
    smartAccount?: string;
    virtualAccount?: string;
    exportControlled?: boolean;
    initial?: Partial<AttemptRecord>;
    lastRenewal?: Partial<AttemptRecord>;
    nextRegistrationAt?: number;
    nextRenewalAt?: number;
    expiresAt?: number;
  };
  authorization: {
    status?: string;
    since?: number;
    evaluationRemaining?: string;
    lastCommunication?: Partial<AttemptRecord>;
    nextAttemptAt?: number;
    deadline?: number;
  };
  /** Every `Failure reason:` line, in order. */
  failureReasons: string[];
}

function attempt(value: string): Partial<AttemptRecord> {
  const m = /^(SUCCEEDED|FAILED)(?: on (.+))?$/.exec(value);
  if (!m) return {};
  return { result: m[1] as AttemptRecord['result'], ...(m[2] ? { at: parseShowDate(m[2]) } : {}) };
}

export function parseLicenseStatusText(text: string): ParsedLicenseStatus {
  const out: ParsedLicenseStatus = { registration: {}, authorization: {}, failureReasons: [] };
  let section = '';
  let last: Partial<AttemptRecord> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trim();
    const enabled = /^Smart Licensing is (ENABLED|DISABLED)$/.exec(line);
    if (enabled) out.smartLicensing = enabled[1] as 'ENABLED' | 'DISABLED';
    if (/^[A-Za-z ]+:$/.test(line)) section = line;
    const kv = /^([A-Za-z -]+): (.+)$/.exec(line);
    if (!kv) continue;
    const [, key, value] = kv;
    if (key === 'Failure reason') {
      out.failureReasons.push(value);
      if (last) last.reason = value;
      continue;
    }
    const r = out.registration;
    const a = out.authorization;
    if (section === 'Registration:') {
      if (key === 'Status') r.status = value;
      else if (key === 'Smart Account') r.smartAccount = value;
      else if (key === 'Virtual Account') r.virtualAccount = value;
      else if (key === 'Export-Controlled Functionality') r.exportControlled = value === 'Allowed';
      else if (key === 'Initial Registration') last = r.initial = attempt(value);
      else if (key === 'Last Renewal Attempt') last = r.lastRenewal = value === 'None' ? undefined : attempt(value);
      else if (key === 'Next Registration Attempt') r.nextRegistrationAt = parseShowDate(value);
      else if (key === 'Next Renewal Attempt') r.nextRenewalAt = parseShowDate(value);
      else if (key === 'Registration Expires') r.expiresAt = parseShowDate(value);
    } else if (section === 'License Authorization:') {
      if (key === 'Status') {
        const m = /^(.+?)(?: on (.+))?$/.exec(value) as RegExpExecArray;
        a.status = m[1];
        if (m[2]) a.since = parseShowDate(m[2]);
      } else if (key === 'Evaluation Period Remaining') a.evaluationRemaining = value;
      else if (key === 'Last Communication Attempt') last = a.lastCommunication = attempt(value);
      else if (key === 'Next Communication Attempt') a.nextAttemptAt = parseShowDate(value);
      else if (key === 'Communication Deadline') a.deadline = parseShowDate(value);
    }
  }
  return out;
}
