import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OAuthClient } from './oauth-client.entity';

/** An issued bearer token, stored as its SHA-256; valid on the wall clock (SPEC §0). */
@Entity({ name: 'oauth_access_tokens' })
@Index('oauth_access_tokens_expires_at_idx', ['expiresAt'])
export class OAuthAccessToken {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @ManyToOne(() => OAuthClient, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'oauth_access_tokens_client_fk' })
  client?: OAuthClient;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
