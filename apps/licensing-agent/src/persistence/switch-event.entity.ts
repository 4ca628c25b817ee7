import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SwitchRecord } from './switch.entity';

/** A SMART_LIC event of one switch (SPEC §13), kept for `GET /switches/{name}/events`. */
@Entity({ name: 'switch_event' })
// (switch_id, at DESC) is created by the migration; TypeORM cannot express the order, so it skips it.
@Index('ix_switch_event_switch_at', { synchronize: false })
export class SwitchEventRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'switch_event_pkey' })
  id!: string;

  @Column({ name: 'switch_id', type: 'uuid' })
  switchId!: string;

  // Events go with their switch when it is deleted.
  @ManyToOne(() => SwitchRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'switch_id', foreignKeyConstraintName: 'fk_switch_event_switch' })
  switch?: SwitchRecord;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}
