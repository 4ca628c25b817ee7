import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';
import { CaRoot, CaRole } from '../persistence/ca-root.entity';
import { createRootCa, loadSigner, PemPair, Signer } from './certificate-issuer';
import { writeCaFiles } from './ca-files.writer';

export interface CaPems {
  current: string;
  legacy: string;
}

/**
 * The server's two roots, created on first start and kept in the database: `current` signs the
 * TLS and ID certificates, `legacy` signs nothing any more (the decommissioned QuoVadis root).
 */
@Injectable()
export class CaService {
  private signer?: Signer;
  private pems?: CaPems;
  private readonly listeners: ((signer: Signer) => Promise<void> | void)[] = [];

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
  ) {}

  /** Loads the roots, creating those missing; safe when two processes start at once. */
  async ensureRoots(): Promise<CaPems> {
    const repo = this.ds.getRepository(CaRoot);
    for (const role of ['current', 'legacy'] as CaRole[]) {
      if (await repo.existsBy({ role })) continue;
      const pair = await createRootCa(this.commonName(role));
      await repo.createQueryBuilder().insert().values({ role, ...pair }).orIgnore().execute();
    }
    return this.reload();
  }

  /** A new `current`; the old one becomes `legacy` (the previous legacy is discarded). */
  async rotate(): Promise<CaPems> {
    const fresh = await createRootCa(this.commonName('current'));
    await this.ds.transaction(async (em) => {
      const old = await em.getRepository(CaRoot).createQueryBuilder('r').setLock('pessimistic_write').where('r.role = :role', { role: 'current' }).getOneOrFail();
      await em.getRepository(CaRoot).save({ role: 'legacy', privateKeyPem: old.privateKeyPem, certificatePem: old.certificatePem });
      await em.getRepository(CaRoot).save({ role: 'current', ...fresh });
    });
    const pems = await this.reload();
    for (const listener of this.listeners) await listener(await this.currentSigner());
    return pems;
  }

  /** Called with the new current signer after each rotation (the TLS server re-issues its certificate). */
  onRotate(listener: (signer: Signer) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  async currentSigner(): Promise<Signer> {
    if (!this.signer) await this.reload();
    return this.signer!;
  }

  async certificates(): Promise<CaPems> {
    return this.pems ?? this.reload();
  }

  private async reload(): Promise<CaPems> {
    const rows = await this.ds.getRepository(CaRoot).find();
    const byRole = new Map(rows.map((r) => [r.role, r as PemPair]));
    const current = byRole.get('current');
    const legacy = byRole.get('legacy');
    if (!current || !legacy) throw new Error('the CA roots are missing: start the server once to create them');
    this.signer = await loadSigner(current);
    this.pems = { current: current.certificatePem, legacy: legacy.certificatePem };
    await writeCaFiles(this.config, this.pems);
    return this.pems;
  }

  private commonName(role: CaRole): string {
    const stamp = new Date().toISOString().slice(0, 19);
    return role === 'legacy' ? `fleetlic Legacy Root CA 2 (${this.config.instance})` : `fleetlic Root CA (${this.config.instance}, ${stamp})`;
  }
}
