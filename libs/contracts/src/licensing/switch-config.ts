import { z } from 'zod';

/** Switch names are the hostnames the operator gives (API.md §1). */
export const switchNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a hostname: letters, digits, ".", "_" or "-", at most 64 characters');

/** The Call Home configuration of a switch (API.md §1, SPEC §10). */
export const callhomeSchema = z.object({
  enabled: z.boolean(),
  emailContact: z.string().max(256),
  phoneContact: z.string().max(64).optional(),
  streetAddress: z.string().max(256).optional(),
  destinationUrl: z.string().max(2048),
  transportMethod: z.literal('http'),
  vrf: z.string().min(1).max(64),
  sourceInterface: z.string().max(64).optional(),
  proxy: z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535), enabled: z.boolean() }).optional(),
});
export type CallhomeConfig = z.infer<typeof callhomeSchema>;

/**
 * What a switch's Call Home can reach, so that each known problem of SPEC §11 is reproduced
 * through the real mechanism. Trust anchors: "current", "legacy" (the license server's roots)
 * or PEM certificates.
 */
export const networkSchema = z.object({
  interfaces: z.array(z.object({ name: z.string().min(1).max(64), vrf: z.string().min(1).max(64), reachable: z.boolean() })).max(256),
  nameServers: z.record(z.string(), z.array(z.string().max(64)).max(8)),
  hosts: z.record(z.string(), z.string().max(64)),
  trustAnchors: z.array(z.string().max(16384)).max(16),
});
export type NetworkConfig = z.infer<typeof networkSchema>;

/** A healthy switch: mgmt0 in VRF management reaches the license server, which it trusts. */
export function defaultNetwork(): NetworkConfig {
  return { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['current'] };
}

/** Call Home enabled, VRF management, destination the license server's cloud device path. */
export function defaultCallhome(cssmUrl: string): CallhomeConfig {
  return {
    enabled: true,
    emailContact: 'noc@example.com',
    destinationUrl: `${cssmUrl.replace(/\/$/, '')}/its/service/oddce/services/DDCEService`,
    transportMethod: 'http',
    vrf: 'management',
  };
}
