import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type CaRole = 'current' | 'legacy';

/** A root CA of this server: `current` signs TLS and ID certificates, `legacy` nothing (API.md §3). */
@Entity({ name: 'ca_roots' })
export class CaRoot {
  @PrimaryColumn({ type: 'text' })
  role!: CaRole;

  /** PKCS#8 PEM of the EC P-256 private key. */
  @Column({ name: 'private_key_pem', type: 'text' })
  privateKeyPem!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
