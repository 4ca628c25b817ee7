import { ENTITLEMENT_TAGS, isEntitlementTag, type EntitlementUsage } from '@fleetlic/contracts';
import type { AgentInput } from './agent-io';
import { DomainRefusalCode, LicensingDomainError as Refusal } from './domain-refusal';
import { ev } from './events';
import { platformSupport } from './platform-support';
import { smartLicensingEnabled } from './smart-licensing';
import { localUnregister, sendRequest, syncEvaluation, type Ctx } from './transitions';

type Command = Exclude<AgentInput, { type: 'cssm-answer' | 'cssm-failure' | 'wake' }>;

function checkRegister(ctx: Ctx, input: Extract<Command, { type: 'register' }>): void {
  const s = ctx.s;
  if (!s.smartLicensingEnabled) throw new Refusal(DomainRefusalCode.SMART_LICENSING_DISABLED, 'Smart Licensing is disabled');
  if (!smartLicensingEnabled(s)) {
    throw new Refusal(DomainRefusalCode.SMART_LICENSING_DISABLED, 'Call Home must be enabled with a destination before registering');
  }
  const support = platformSupport(s.identity.pid, s.identity.nxosVersion);
  if (!support.supported) {
    const unsupportedPid = platformSupport(s.identity.pid, '99.9(9)').supported === false;
    const code = unsupportedPid ? DomainRefusalCode.UNSUPPORTED_PLATFORM : DomainRefusalCode.UNSUPPORTED_RELEASE;
    throw new Refusal(code, support.reason as string);
  }
  if (typeof input.idToken !== 'string' || input.idToken.trim() === '') {
    throw new Refusal(DomainRefusalCode.EMPTY_ID_TOKEN, 'The ID token is empty');
  }
  if (s.registration.status === 'REGISTERED' && !input.force) {
    throw new Refusal(DomainRefusalCode.ALREADY_REGISTERED, 'already registered, use force');
  }
}

/** Validates and normalises usage: known tags, whole counts, duplicates summed, zero dropped. */
function normaliseUsage(entitlements: { tag: string; count: number }[]): EntitlementUsage[] {
  const out: EntitlementUsage[] = [];
  for (const { tag, count } of entitlements) {
    if (!isEntitlementTag(tag)) {
      throw new Refusal(DomainRefusalCode.UNKNOWN_ENTITLEMENT, `Unknown entitlement tag ${tag}; known tags: ${ENTITLEMENT_TAGS.join(', ')}`);
    }
    if (!Number.isInteger(count) || count < 0) throw new Refusal(DomainRefusalCode.INVALID_USAGE, `Invalid count ${count} for ${tag}`);
    const existing = out.find((e) => e.tag === tag);
    if (existing) existing.count += count;
    else out.push({ tag, count });
  }
  return out.filter((e) => e.count > 0);
}

function requireRegistered(ctx: Ctx): void {
  if (ctx.s.registration.status !== 'REGISTERED') throw new Refusal(DomainRefusalCode.NOT_REGISTERED, 'The switch is not registered');
}

export function applyCommand(ctx: Ctx, input: Command, now: number): void {
  const s = ctx.s;
  switch (input.type) {
    case 'enable':
      s.smartLicensingEnabled = true;
      return;
    case 'disable':
      if (!s.smartLicensingEnabled) return;
      s.smartLicensingEnabled = false;
      // Disabling ends every exchange with CSSM: the registration is dropped locally.
      if (s.registration.status === 'REGISTERED') ctx.effects.push(ev.deregSuccess(s, now, false, 'Smart Licensing disabled'));
      if (s.registration.status !== 'UNREGISTERED') localUnregister(ctx, now);
      return;
    case 'set-callhome':
      s.callhome = { ...input.callhome, ...(input.callhome.proxy ? { proxy: { ...input.callhome.proxy } } : {}) };
      return;
    case 'register':
      checkRegister(ctx, input);
      if (s.registration.status === 'REGISTERED') {
        sendRequest(ctx, 'register', now, { idToken: input.idToken, force: true });
        return;
      }
      s.registration = { status: 'REGISTERING', exportControlled: false, idToken: input.idToken };
      s.retries.registration = undefined;
      sendRequest(ctx, 'register', now, { idToken: input.idToken });
      return;
    case 'deregister':
      if (s.registration.status === 'REGISTERING') {
        // Nothing was registered at CSSM yet: cancelling is local.
        ctx.effects.push(ev.deregSuccess(s, now, false, 'registration cancelled'));
        localUnregister(ctx, now);
        return;
      }
      requireRegistered(ctx);
      sendRequest(ctx, 'deregister', now);
      return;
    case 'set-usage': {
      const usage = normaliseUsage(input.entitlements);
      if (JSON.stringify(usage) === JSON.stringify(s.entitlements)) return;
      s.entitlements = usage;
      syncEvaluation(ctx, now);
      if (s.registration.status === 'REGISTERED') {
        s.retries.authorization = undefined; // a usage change starts a new series
        sendRequest(ctx, 'authorize', now);
      }
      return;
    }
    case 'renew':
      requireRegistered(ctx);
      if (input.what === 'auth') {
        s.retries.authorization = undefined;
        sendRequest(ctx, 'authorize', now);
      } else {
        s.retries.idCertificate = undefined;
        sendRequest(ctx, 'renew-id', now);
      }
      return;
  }
}
