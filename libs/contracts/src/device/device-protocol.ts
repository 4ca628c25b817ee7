import { z } from 'zod';
import { ENTITLEMENT_TAGS } from '../licensing/entitlements';

/**
 * The switch-facing protocol between a switch's Call Home (the cssm-adapter) and a license
 * server: this project's own JSON over HTTPS POST to the device path
 * (`/its/service/oddce/services/DDCEService` cloud, `/Transportgateway/services/DeviceRequestHandler`
 * On-Prem). Every message has a `messageId`; a retried message gets the same answer.
 * Every message but `register` is signed by the instance's key (see device-signature.ts).
 */
export const DEVICE_PATHS = {
  cloud: '/its/service/oddce/services/DDCEService',
  onprem: '/Transportgateway/services/DeviceRequestHandler',
} as const;

const udi = z.object({ pid: z.string().min(1).max(64), sn: z.string().min(1).max(64) });
const entitlementUse = z.object({ tag: z.enum(ENTITLEMENT_TAGS as [string, ...string[]]), count: z.number().int().min(0).max(1_000_000) });
const base = { messageId: z.string().min(1).max(200), udi };

export const deviceRequestSchema = z.discriminatedUnion('type', [
  /** The ID token and a PKCS#10 CSR (PEM) for the switch's EC P-256 key. */
  z.object({ type: z.literal('register'), ...base, idToken: z.string().min(1).max(512), csr: z.string().min(1).max(8192), nxosVersion: z.string().max(64).optional() }),
  /** ID certificate renewal: a new CSR, signed with the current key. */
  z.object({ type: z.literal('renew-id'), ...base, csr: z.string().min(1).max(8192), signature: z.string().optional() }),
  z.object({ type: z.literal('authorize'), ...base, entitlements: z.array(entitlementUse).max(64), signature: z.string().optional() }),
  z.object({ type: z.literal('deregister'), ...base, signature: z.string().optional() }),
]);
export type DeviceRequest = z.infer<typeof deviceRequestSchema>;

/** Why a license server refuses a device message (a refusal is an answer, not a communication failure). */
export const DEVICE_REFUSAL_CODES = [
  'TOKEN_UNKNOWN',
  'TOKEN_EXPIRED',
  'TOKEN_EXHAUSTED',
  'TOKEN_REVOKED',
  'UNKNOWN_INSTANCE',
  'SIGNATURE_INVALID',
  'CERTIFICATE_REVOKED',
  'MALFORMED',
] as const;
export type DeviceRefusalCode = (typeof DEVICE_REFUSAL_CODES)[number];

/** The reasons as a switch prints them in `Failure reason:`. */
export const DEVICE_REFUSAL_REASONS: Record<DeviceRefusalCode, string> = {
  TOKEN_UNKNOWN: 'The ID token is not valid',
  TOKEN_EXPIRED: 'The ID token has expired',
  TOKEN_EXHAUSTED: 'The ID token has been used the maximum number of times',
  TOKEN_REVOKED: 'The ID token has been revoked',
  UNKNOWN_INSTANCE: 'The product instance is not registered',
  SIGNATURE_INVALID: 'The message signature is not valid',
  CERTIFICATE_REVOKED: 'The ID certificate has been revoked',
  MALFORMED: 'The message is malformed',
};

const refusal = z.object({ status: z.literal('FAILED'), code: z.enum(DEVICE_REFUSAL_CODES), reason: z.string() });
const iso = z.string();

export const registerAnswerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('SUCCESS'),
    idCertificate: z.string(),
    notBefore: iso,
    notAfter: iso,
    renewalPeriodDays: z.number(),
    smartAccount: z.string(),
    virtualAccount: z.string(),
    exportControlled: z.boolean(),
    serverTime: iso,
  }),
  refusal,
]);
export const renewIdAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('SUCCESS'), idCertificate: z.string(), notBefore: iso, notAfter: iso, renewalPeriodDays: z.number(), serverTime: iso }),
  refusal,
]);
export const authorizeAnswerSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('SUCCESS'),
    inCompliance: z.boolean(),
    entitlements: z.array(z.object({ tag: z.string(), count: z.number(), status: z.enum(['AUTHORIZED', 'OUT OF COMPLIANCE']) })),
    authorizedAt: iso,
    validUntil: iso,
    renewalIntervalDays: z.number(),
    serverTime: iso,
  }),
  refusal,
]);
export const deregisterAnswerSchema = z.discriminatedUnion('status', [z.object({ status: z.literal('SUCCESS'), serverTime: iso }), refusal]);

export type RegisterAnswer = z.infer<typeof registerAnswerSchema>;
export type RenewIdAnswer = z.infer<typeof renewIdAnswerSchema>;
export type AuthorizeAnswer = z.infer<typeof authorizeAnswerSchema>;
export type DeregisterAnswer = z.infer<typeof deregisterAnswerSchema>;
export type DeviceAnswer = RegisterAnswer | RenewIdAnswer | AuthorizeAnswer | DeregisterAnswer;

export const deviceAnswerSchemas = {
  register: registerAnswerSchema,
  'renew-id': renewIdAnswerSchema,
  authorize: authorizeAnswerSchema,
  deregister: deregisterAnswerSchema,
} as const;
