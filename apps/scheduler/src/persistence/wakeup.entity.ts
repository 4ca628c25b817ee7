import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * "Wake owner X under key K at T". One row per (owner, key): a newer request replaces the
 * older one, and delivery deletes the row. Queries go through WakeupStore's SQL; the entity
 * exists so `pendingSchemaChanges` can prove the committed migration matches.
 */
@Entity({ name: 'wakeup' })
@Index('wakeup_at_idx', ['at'])
export class WakeupEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'wakeup_pkey' })
  owner!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'wakeup_pkey' })
  key!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Failed delivery attempts of the current instant (reset when a request replaces it). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;
}
