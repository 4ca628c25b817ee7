import type { FleetlicEnv } from '@fleetlic/contracts';

/** The validated environment (API.md §4), injected where a provider needs it. */
export const GATEWAY_ENV = Symbol('GATEWAY_ENV');
export type GatewayEnv = FleetlicEnv;
