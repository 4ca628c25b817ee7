import { CALLHOME_FAILURE_REASONS, deviceAnswerSchemas, type AdapterReply } from '@fleetlic/contracts';
import type { AgentInput, CssmAnswer, CssmRequest } from '@fleetlic/licensing-domain';

const ms = (iso: string) => Date.parse(iso);

/**
 * Turns the adapter's reply into the domain's input: a refusal or success answer (instants as
 * epoch ms), or a communication failure with the reason the switch reports. An answer that does
 * not match the protocol is what a switch calls an unparseable server response.
 */
export function toDomainInput(request: CssmRequest, reply: AdapterReply): AgentInput {
  const requestId = request.requestId;
  if (!reply.ok) return { type: 'cssm-failure', requestId, reason: reply.reason };
  const answer = parseAnswer(request, reply.answer);
  return answer ? { type: 'cssm-answer', requestId, answer } : { type: 'cssm-failure', requestId, reason: CALLHOME_FAILURE_REASONS.UNPARSEABLE };
}

type Refusal = { status: 'FAILED'; code: string; reason: string };

function parseAnswer(request: CssmRequest, raw: Record<string, unknown>): CssmAnswer | undefined {
  const kind = request.kind;
  const refused = (a: Refusal): CssmAnswer => ({ kind, result: 'refused', code: a.code, reason: a.reason });
  switch (kind) {
    case 'register': {
      const p = deviceAnswerSchemas.register.safeParse(raw);
      if (!p.success) return undefined;
      const a = p.data;
      if (a.status === 'FAILED') return refused(a);
      return {
        kind,
        result: 'success',
        idCertificate: { notBefore: ms(a.notBefore), notAfter: ms(a.notAfter) },
        renewalPeriodDays: a.renewalPeriodDays,
        smartAccount: a.smartAccount,
        virtualAccount: a.virtualAccount,
        exportControlled: a.exportControlled,
      };
    }
    case 'authorize': {
      const p = deviceAnswerSchemas.authorize.safeParse(raw);
      if (!p.success) return undefined;
      const a = p.data;
      if (a.status === 'FAILED') return refused(a);
      return { kind, result: 'success', inCompliance: a.inCompliance, entitlements: a.entitlements, validUntil: ms(a.validUntil), renewalIntervalDays: a.renewalIntervalDays };
    }
    case 'renew-id': {
      const p = deviceAnswerSchemas['renew-id'].safeParse(raw);
      if (!p.success) return undefined;
      const a = p.data;
      return a.status === 'FAILED' ? refused(a) : { kind, result: 'success', notAfter: ms(a.notAfter), notBefore: ms(a.notBefore) };
    }
    case 'deregister': {
      const p = deviceAnswerSchemas.deregister.safeParse(raw);
      if (!p.success) return undefined;
      return p.data.status === 'FAILED' ? refused(p.data) : { kind, result: 'success' };
    }
  }
}
