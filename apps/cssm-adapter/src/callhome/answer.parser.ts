import { AdapterReply, DeviceRequest, deviceAnswerSchemas } from '@fleetlic/contracts';
import { AdapterError } from './adapter-error';
import { HttpAnswer } from './http-exchange.client';

/**
 * Turns the server's HTTP answer into the reply, as a switch's Call Home reads it. A valid
 * device answer (success or refusal) counts whatever the status, because a refusal is an
 * answer. Otherwise: an HTML page or a body that is not a device answer is what the switch
 * cannot parse (SPEC §11 problem 2); any other non-2xx is an HTTP failure.
 */
export function parseAnswer(request: DeviceRequest, answer: HttpAnswer): AdapterReply {
  const json = tryJson(answer.body);
  const schema = deviceAnswerSchemas[request.type];
  if (json !== undefined && schema.safeParse(json).success) {
    // The raw object is passed on: the agent validates it again and may use extra fields.
    return { ok: true, answer: json as Record<string, unknown> };
  }
  const html = /html/i.test(answer.contentType) || /^\s*</.test(answer.body);
  const success = answer.status >= 200 && answer.status < 300;
  if (!success && !html) throw AdapterError.sendFailed('HTTP', `HTTP ${answer.status}`);
  throw AdapterError.unparseable(json === undefined ? 'not JSON' : 'not a device answer');
}

function tryJson(body: string): unknown {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
