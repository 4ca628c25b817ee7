import { SetMetadata } from '@nestjs/common';

/** Roles in increasing power: each may do everything the ones before it may (API.md §1). */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_KEY = 'fleetlic:min-role';
export const PUBLIC_KEY = 'fleetlic:public';

/** The least role a route needs. Without it: GET needs viewer, anything else operator. */
export const RequireRole = (role: Role) => SetMetadata(ROLE_KEY, role);

/** Open routes (`/health`, `/metrics`). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function roleAtLeast(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** Parses `FLEETLIC_API_KEYS` ("<role>:<key>,..."); the format was checked by parseEnv. */
export function parseApiKeys(spec: string | undefined): Map<string, Role> {
  const keys = new Map<string, Role>();
  for (const entry of (spec ?? '').split(',').filter(Boolean)) {
    const i = entry.indexOf(':');
    const role = entry.slice(0, i) as Role;
    const key = entry.slice(i + 1);
    // A key listed twice keeps its highest role.
    const previous = keys.get(key);
    if (!previous || roleAtLeast(role, previous)) keys.set(key, role);
  }
  return keys;
}
