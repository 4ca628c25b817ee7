import { CALLHOME_FAILURE_REASONS, DeviceRequest } from '@fleetlic/contracts';
import { AdapterError } from './adapter-error';
import { parseAnswer } from './answer.parser';

describe('parseAnswer', () => {
  const request: DeviceRequest = { type: 'deregister', messageId: 'm', udi: { pid: 'N9K-C93180YC-EX', sn: 'S' } };
  const json = (status: number, body: unknown, contentType = 'application/json') => ({ status, contentType, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const failure = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as AdapterError).toReply();
    }
    throw new Error('no failure');
  };

  it('returns a success or a refusal as the answer', () => {
    expect(parseAnswer(request, json(200, { status: 'SUCCESS', serverTime: 't' }))).toEqual({ ok: true, answer: { status: 'SUCCESS', serverTime: 't' } });
    const refusal = { status: 'FAILED', code: 'UNKNOWN_INSTANCE', reason: 'x' };
    expect(parseAnswer(request, json(404, refusal))).toEqual({ ok: true, answer: refusal });
  });
  it('an HTML page is unparseable whatever its status', () => {
    expect(failure(() => parseAnswer(request, json(404, '<html></html>', 'text/html')))).toEqual({ ok: false, kind: 'UNPARSEABLE', reason: CALLHOME_FAILURE_REASONS.UNPARSEABLE });
  });
  it('an answer of another message type is unparseable', () => {
    expect(failure(() => parseAnswer({ ...request, type: 'authorize', entitlements: [] }, json(200, { status: 'SUCCESS', serverTime: 't' })))).toMatchObject({ kind: 'UNPARSEABLE' });
  });
  it('a non-2xx without a device answer is an HTTP failure', () => {
    expect(failure(() => parseAnswer(request, json(503, '')))).toEqual({ ok: false, kind: 'HTTP', reason: CALLHOME_FAILURE_REASONS.NO_PATH });
  });
});
