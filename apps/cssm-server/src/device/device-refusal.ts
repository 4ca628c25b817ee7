import { DEVICE_REFUSAL_REASONS, DeviceRefusalCode } from '@fleetlic/contracts';

export interface DeviceRefusal {
  status: 'FAILED';
  code: DeviceRefusalCode;
  reason: string;
  /** What exactly is wrong, for MALFORMED (an addition to the protocol; switches print `reason`). */
  detail?: string;
}

/** A refusal is an answer (HTTP 200), not a communication failure: the switch shows its reason. */
export function refusal(code: DeviceRefusalCode, detail?: string): DeviceRefusal {
  return { status: 'FAILED', code, reason: DEVICE_REFUSAL_REASONS[code], ...(detail ? { detail } : {}) };
}

export function isRefusal(value: unknown): value is DeviceRefusal {
  return (value as DeviceRefusal)?.status === 'FAILED';
}
