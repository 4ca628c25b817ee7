import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { parseApiKeys, PUBLIC_KEY, Role, ROLE_KEY, roleAtLeast } from './roles.decorator';

/**
 * `Authorization: Bearer <key>` against FLEETLIC_API_KEYS. 401 for a missing or unknown key,
 * 403 for a role below the route's. The key itself is never logged nor echoed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: [Buffer, Role][];

  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_ENV) env: GatewayEnv,
  ) {
    this.keys = [...parseApiKeys(env.FLEETLIC_API_KEYS)].map(([key, role]) => [Buffer.from(key), role]);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const need = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets) ?? (req.method === 'GET' ? 'viewer' : 'operator');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) throw new GatewayError(GatewayErrorCode.Unauthenticated, 'missing API key: send "Authorization: Bearer <key>"');
    const role = this.roleOf(Buffer.from(match[1]));
    if (!role) throw new GatewayError(GatewayErrorCode.Unauthenticated, 'unknown API key');
    if (!roleAtLeast(role, need)) throw new GatewayError(GatewayErrorCode.Forbidden, `this route needs the ${need} role; the key has ${role}`);
    return true;
  }

  /** Compares in constant time per candidate, so a key cannot be guessed byte by byte. */
  private roleOf(given: Buffer): Role | undefined {
    let found: Role | undefined;
    for (const [key, role] of this.keys) {
      if (key.length === given.length && timingSafeEqual(key, given)) found = role;
    }
    return found;
  }
}
