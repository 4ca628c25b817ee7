import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An OAuth2 client of the account API (client credentials grant); the secret is kept hashed. */
@Entity({ name: 'oauth_clients' })
export class OAuthClient {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** `scrypt$<salt hex>$<hash hex>`. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
