/** Registration status as `show license status` prints it (SPEC §3). */
export const REGISTRATION_STATUSES = ['UNREGISTERED', 'REGISTERING', 'REGISTERED', 'UNREGISTERED - REGISTRATION FAILED'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Authorization status (`License Authorization: Status:`), SPEC §3. */
export const AUTHORIZATION_STATUSES = [
  'EVAL MODE',
  'EVAL EXPIRED',
  'AUTHORIZED',
  'OUT OF COMPLIANCE',
  'AUTHORIZATION EXPIRED',
  'NO LICENSES IN USE',
] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

/** The reasons a switch reports when Call Home cannot complete an exchange (SPEC §11). */
export const CALLHOME_FAILURE_REASONS = {
  NO_PATH: 'Fail to send out Call Home HTTP message',
  UNPARSEABLE: 'Unable to parse SCH server response',
  UNTRUSTED_CA: 'Failed to send Call Home HTTP message (failed to create IPC connection with call-home)',
  noDnsResponse: (host: string) => `Call Home message timed out: no DNS response for ${host}`,
} as const;
