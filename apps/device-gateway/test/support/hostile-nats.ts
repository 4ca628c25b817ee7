import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { agentCommandSchema, subjects, wakeRequestSchema, wakeSchema } from '@fleetlic/contracts';
import type { ZodType } from 'zod';

/** One generated message for a JetStream consumer of the namespace, and whether its schema accepts it. */
export interface FuzzMessage {
  origin: 'commands' | 'agent-wakes' | 'cssm-wakes' | 'sched';
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  valid: boolean;
}

const enc = new TextEncoder();
const oddToken = fc.constantFrom('x', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'a_b', '-', '😀', 'A'.repeat(200));
const iso = fc.oneof(fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('garbage', '', '2020-13-45T99:99:99Z', '9999-12-31T23:59:59.999Z', '-271821-04-20T00:00:00Z', '1e20'));
const anyValue = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.constant('q'.repeat(5000)));
const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.constantFrom('', '{', 'null', '[]', '"x"', '1', '{"type":"create"}', '\u0000').map((s) => enc.encode(s)),
  fc.integer({ min: 10, max: 3000 }).map((n) => enc.encode('['.repeat(n) + ']'.repeat(n))),
);
/** Fleetlic-Time is read by every consumer: odd values must not move anyone's clock or crash it. */
const headers = fc.record({ 'Fleetlic-Time': fc.option(iso, { nil: undefined }), traceparent: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }) }, { requiredKeys: [] }).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined && /^[\x20-\x7e]*$/.test(v as string))) as Record<string, string>);

function mutate(base: Record<string, unknown>) {
  return fc.tuple(fc.constantFrom(...Object.keys(base), 'extra', '__proto__'), anyValue, fc.boolean()).map(([k, v, drop]) => {
    const out: Record<string, unknown> = { ...base };
    if (drop) delete out[k];
    else out[k] = v;
    return out;
  });
}

const commandBase = (): Record<string, unknown> => ({ type: 'set-usage', commandId: randomUUID(), switchId: randomUUID(), issuedAt: new Date().toISOString(), entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] });
const commandTypes = fc.constantFrom('create', 'set-callhome', 'set-network', 'set-usage', 'register', 'deregister', 'renew', 'delete', 'bogus');

/**
 * Messages for the four consumers: raw bytes, schema-shaped objects with one field wrong,
 * and schema-valid ones for switches and owners that do not exist (which must be applied as
 * harmless no-ops, not crash a worker). `valid` comes from the contracts' own schemas.
 */
export function messageArbitrary(ns: string): fc.Arbitrary<FuzzMessage> {
  const s = subjects(ns);
  const withBody = (origin: FuzzMessage['origin'], subject: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>, schema: ZodType) =>
    fc.tuple(subject, fc.oneof({ weight: 1, arbitrary: rawBytes.map((b) => ({ raw: b })) }, { weight: 4, arbitrary: body.map((o) => ({ obj: o })) }), headers).map(([subj, b, h]): FuzzMessage => {
      if ('raw' in b) {
        let valid = false;
        try {
          valid = schema.safeParse(JSON.parse(new TextDecoder().decode(b.raw))).success;
        } catch {
          valid = false;
        }
        return { origin, subject: subj, data: b.raw, headers: h, valid };
      }
      let text: string;
      try {
        text = JSON.stringify(b.obj) ?? 'null';
      } catch {
        text = '{';
      }
      let valid = false;
      try {
        valid = schema.safeParse(JSON.parse(text)).success;
      } catch {
        valid = false;
      }
      return { origin, subject: subj, data: enc.encode(text), headers: h, valid };
    });

  const command = fc.oneof(
    fc.tuple(commandTypes, fc.constant(null)).chain(([type]) => mutate({ ...commandBase(), type })),
    fc.record({ type: fc.constantFrom('deregister', 'renew', 'delete'), commandId: fc.uuid(), switchId: fc.uuid(), issuedAt: iso, what: fc.constantFrom('id', 'auth', 'both') }),
    fc.object({ maxDepth: 3 }),
  );
  const wake = (ownerPrefix: string) =>
    fc.oneof(
      fc.record({ owner: fc.oneof(fc.uuid().map((u) => `${ownerPrefix}${u}`), fc.string({ maxLength: 40 })), key: fc.oneof(fc.constantFrom('next', 'release.x', 'expire.y'), fc.string({ maxLength: 40 })), at: iso }),
      fc.record({ owner: anyValue, key: anyValue, at: anyValue }, { requiredKeys: [] }),
    );
  const wakeRequest = fc.oneof(
    // Owners the scheduler will publish to: odd characters become odd subjects.
    fc.record({ owner: fc.oneof(fc.uuid().map((u) => `agent.${u}`), fc.constantFrom('cssm.cloud', 'nobody', 'a b', 'x.>', '*', 'agent.', '.', 'agent..x'), fc.string({ minLength: 1, maxLength: 60 })), key: fc.oneof(fc.constant('next'), fc.string({ minLength: 1, maxLength: 60 })), at: fc.oneof(fc.constant(null), iso) }),
    fc.record({ owner: anyValue, key: anyValue, at: anyValue }, { requiredKeys: [] }),
  );
  return fc.oneof(
    withBody('commands', fc.oneof(fc.uuid(), oddToken).map((id) => s.agentCommand(id)), command, agentCommandSchema),
    withBody('agent-wakes', fc.oneof(fc.uuid(), oddToken).map((id) => s.wake(`agent.${id}`)), wake('agent.'), wakeSchema),
    withBody('cssm-wakes', fc.constant(s.wakeCssm('cloud')), wake('cssm.'), wakeSchema),
    withBody('sched', fc.constant(s.wakeRequest), wakeRequest, wakeRequestSchema),
  );
}
