import { createLogger, formatLogLine } from './logger';
import { redact, REDACTED } from './redact';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';

describe('redact', () => {
  it('replaces secret fields at any depth, whatever their spelling', () => {
    const out = redact({ idToken: 'abc', nested: { private_key: 'k', Password: 'p', list: [{ 'client-secret': 's' }] }, authorization: 'Bearer xyz', token: 't', switch: 'sw1' });
    expect(out).toEqual({ idToken: REDACTED, nested: { private_key: REDACTED, Password: REDACTED, list: [{ 'client-secret': REDACTED }] }, authorization: REDACTED, token: REDACTED, switch: 'sw1' });
  });

  it('strips PEM blocks and bearer credentials from free text', () => {
    expect(redact({ note: `key is ${PEM} ok`, header: 'Authorization: Bearer eyJhbGciOi.abc.def' })).toEqual({ note: 'key is [REDACTED PEM] ok', header: `Authorization: Bearer ${REDACTED}` });
  });

  it('keeps ordinary values and survives cycles and errors', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ a: 1, self: '[Circular]' });
    expect(redact({ error: new Error(`bad ${PEM}`) })).toEqual({ error: { name: 'Error', message: 'bad [REDACTED PEM]' } });
  });
});

describe('logger', () => {
  it('writes one JSON line with level, message and redacted fields', () => {
    const lines: string[] = [];
    createLogger((_level, line) => lines.push(line)).info('registered', { switch: 'sw1', idToken: 'secret-token-value' });
    const parsed = JSON.parse(lines[0]);
    expect(parsed).toMatchObject({ level: 'info', msg: 'registered', switch: 'sw1', idToken: REDACTED });
    expect(lines[0]).not.toContain('secret-token-value');
  });

  it('redacts the message text too', () => {
    expect(formatLogLine('warn', `got ${PEM}`)).not.toContain('MIIEvQ');
  });
});
