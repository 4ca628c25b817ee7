/** Field names whose values are secrets wherever they appear (matched case-insensitively, ignoring _ and -). */
const SECRET_KEYS = /^(idtoken|token|accesstoken|refreshtoken|privatekey|secret|clientsecret|password|passwd|authorization|apikey|xapikey|cookie)$/;
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
/** A bearer credential inside a string (e.g. a logged header line). */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
export const REDACTED = '[REDACTED]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.test(key.toLowerCase().replace(/[_-]/g, ''));
}

/** Strips PEM blocks and bearer credentials out of free text. */
export function redactText(text: string): string {
  return text.replace(PEM, '[REDACTED PEM]').replace(BEARER, `$1 ${REDACTED}`);
}

/** A deep copy of `value` with secret fields and secret-looking text replaced; cycles are cut. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, seen);
  return out;
}
