import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CLOCK, CssmClock, DATA_SOURCE, DAY_MS } from '../common/injection-tokens';
import { IdToken } from '../persistence/id-token.entity';
import { VirtualAccount } from '../persistence/virtual-account.entity';
import { randomSecret } from '../oauth/secret-hash';

export interface NewToken {
  description: string;
  expiresAfterDays: number;
  exportControlled: boolean;
  maxUses?: number;
}

/** ID tokens of a VA: expiry counted on the shared clock from their creation (SPEC §5). */
@Injectable()
export class IdTokenService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: CssmClock,
  ) {}

  async create(va: VirtualAccount, input: NewToken, createdBy: string): Promise<IdToken> {
    const now = this.clock.now();
    const token = this.ds.getRepository(IdToken).create({
      token: randomSecret(48),
      vaId: va.id,
      description: input.description,
      expiresAfterDays: input.expiresAfterDays,
      expiresAt: new Date(now + input.expiresAfterDays * DAY_MS),
      maxUses: input.maxUses ?? null,
      uses: 0,
      exportControlled: input.exportControlled,
      revokedAt: null,
      createdBy,
      createdAt: new Date(now),
    });
    await this.ds.getRepository(IdToken).insert(token);
    return token;
  }

  list(va: VirtualAccount): Promise<IdToken[]> {
    return this.ds.getRepository(IdToken).find({ where: { vaId: va.id }, order: { createdAt: 'DESC' } });
  }

  /** Revokes all the given tokens of the VA, or none when one of them is not the VA's. */
  async revoke(va: VirtualAccount, tokens: string[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      const found = await em.getRepository(IdToken).findBy({ vaId: va.id, token: In(tokens) });
      if (found.length !== new Set(tokens).size) throw new CssmError(CssmErrorCode.TokenNotFound, `One of the tokens is not a token of virtual account "${va.name}"`);
      const now = new Date(this.clock.now());
      for (const t of found) if (!t.revokedAt) await em.getRepository(IdToken).update({ token: t.token }, { revokedAt: now });
    });
  }

  /** The token as the account API shows it. */
  view(t: IdToken) {
    const now = this.clock.now();
    const status = t.revokedAt ? 'REVOKED' : now >= t.expiresAt.getTime() ? 'EXPIRED' : t.maxUses !== null && t.uses >= t.maxUses ? 'EXHAUSTED' : 'ACTIVE';
    return {
      token: t.token,
      description: t.description,
      expiresAfterDays: t.expiresAfterDays,
      expirationDate: t.expiresAt.toISOString(),
      exportControlled: t.exportControlled ? 'Allowed' : 'Not Allowed',
      maxUses: t.maxUses,
      usesCount: t.uses,
      status,
      createdBy: t.createdBy,
      createdDate: t.createdAt.toISOString(),
    };
  }
}
