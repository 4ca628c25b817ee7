import { callhomeSchema, type CallhomeConfig } from '@fleetlic/contracts';
import { parseCallhomeConfig } from '@fleetlic/licensing-domain';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { parseInput } from '../http/parse-input';

/**
 * The Call Home configuration from an NX-OS block as `show running-config callhome` prints it.
 * A text with no `callhome` block at all is refused rather than stored as "Call Home disabled".
 */
export function callhomeFromText(text: string): CallhomeConfig {
  if (!/^callhome\s*$/m.test(text)) {
    throw new GatewayError(GatewayErrorCode.Validation, 'the text holds no "callhome" block; paste what "show running-config callhome" prints');
  }
  const { config } = parseCallhomeConfig(text);
  return parseInput(callhomeSchema, config);
}
