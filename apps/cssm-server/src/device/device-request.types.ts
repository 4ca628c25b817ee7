import { DeviceRequest } from '@fleetlic/contracts';

export type RegisterRequest = Extract<DeviceRequest, { type: 'register' }>;
export type RenewIdRequest = Extract<DeviceRequest, { type: 'renew-id' }>;
export type AuthorizeRequest = Extract<DeviceRequest, { type: 'authorize' }>;
export type DeregisterRequest = Extract<DeviceRequest, { type: 'deregister' }>;

/** ID certificates: 365 days from the server's time, renewal after 180 (SPEC §5, §7). */
export const ID_CERT_VALIDITY_DAYS = 365;
export const RENEWAL_PERIOD_DAYS = 180;
/** Authorization: valid 90 days, renewed every 30 (SPEC §6). */
export const AUTH_VALIDITY_DAYS = 90;
export const AUTH_RENEWAL_INTERVAL_DAYS = 30;

/** X.509 validity has whole seconds: certificate instants are the server time floored to the second. */
export function certificateInstant(now: number): number {
  return Math.floor(now / 1000) * 1000;
}

export const iso = (ms: number) => new Date(ms).toISOString();
