import { context, propagation, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { headers as natsHeaders, Match, type MsgHdrs } from '@nats-io/nats-core';
import { HEADERS } from '@fleetlic/contracts';

/** OTel carrier over NATS headers; reads ignore case because other clients may canonicalise keys. */
const setter: TextMapSetter<MsgHdrs> = { set: (carrier, key, value) => carrier.set(key, value) };
const getter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => (carrier ? carrier.keys() : []),
  get: (carrier, key) => (carrier?.has(key, Match.IgnoreCase) ? carrier.get(key, Match.IgnoreCase) : undefined),
};

/** Headers for an outgoing message: W3C trace context of `ctx` plus the sender's instant. */
export function outgoingHeaders(time?: number, ctx: Context = context.active()): MsgHdrs {
  const h = natsHeaders();
  propagation.inject(ctx, h, setter);
  if (time !== undefined) h.set(HEADERS.time, new Date(time).toISOString());
  return h;
}

/** The trace context carried by an incoming message (the active one if it carries none). */
export function extractContext(h: MsgHdrs | undefined): Context {
  return propagation.extract(context.active(), h, getter);
}

export function readHeader(h: MsgHdrs | undefined, name: string): string | undefined {
  if (!h || !h.has(name, Match.IgnoreCase)) return undefined;
  return h.get(name, Match.IgnoreCase);
}

/** `Fleetlic-Time` as epoch ms; an unparseable value is ignored rather than trusted. */
export function readTime(h: MsgHdrs | undefined): number | undefined {
  const raw = readHeader(h, HEADERS.time);
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : undefined;
}

/** Plain record view of the headers (first value of each key), for handlers. */
export function headerRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}

/** Trace context stored as a plain object (e.g. in an outbox row), restored into a Context. */
export function contextFromRecord(record: Record<string, string> | null | undefined): Context {
  const rec = record ?? {};
  return propagation.extract(context.active(), rec, {
    keys: (c) => Object.keys(c),
    get: (c, key) => {
      const k = Object.keys(c).find((x) => x.toLowerCase() === key.toLowerCase());
      return k ? c[k] : undefined;
    },
  });
}

/**
 * The active trace context (and the instant) as a plain record, for an outbox row's `headers`
 * column: the relay publishes the row later as a continuation of this trace.
 */
export function traceHeaders(time?: number): Record<string, string> {
  const rec: Record<string, string> = {};
  propagation.inject(context.active(), rec);
  if (time !== undefined) rec[HEADERS.time] = new Date(time).toISOString();
  return rec;
}
