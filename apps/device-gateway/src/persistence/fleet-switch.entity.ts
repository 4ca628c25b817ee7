import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsString = { to: (v: string | null) => v, from: (v: string | null) => v };

/**
 * One switch of the fleet projection: a read model fed by the event stream (consumer
 * `gateway-projection`), answering fleet-wide reads (`GET /switches`, `/fleet/summary`,
 * `fleetlic_switches`) without asking the agent. Written with plain SQL (fleet-projection.repository.ts);
 * the entity describes the table so that `pendingSchemaChanges` can compare it with the migration.
 */
@Entity({ name: 'fleet_switch' })
@Index('ix_fleet_switch_name', ['name', 'switchId'])
@Index('ix_fleet_switch_registration', ['registration', 'name', 'switchId'])
@Index('ix_fleet_switch_authorization', ['authorization', 'name', 'switchId'])
@Index('ix_fleet_switch_state', ['registration', 'authorization'])
@Index('ix_fleet_switch_deadline', ['deadlineAt'], { where: 'deadline_at IS NOT NULL' })
@Index('ix_fleet_switch_cert_expiry', ['certExpiresAt'], { where: 'cert_expires_at IS NOT NULL' })
@Index('ix_fleet_switch_eval_end', ['evalEndsAt'], { where: 'eval_ends_at IS NOT NULL' })
@Index('ix_fleet_switch_failure', ['lastFailureReason'], { where: 'last_failure_reason IS NOT NULL' })
export class FleetSwitchEntity {
  @PrimaryColumn({ name: 'switch_id', type: 'uuid', primaryKeyConstraintName: 'fleet_switch_pkey' })
  switchId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  registration!: string;

  @Column({ type: 'text' })
  authorization!: string;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'cert_expires_at', type: 'timestamptz', nullable: true })
  certExpiresAt!: Date | null;

  @Column({ name: 'eval_ends_at', type: 'timestamptz', nullable: true })
  evalEndsAt!: Date | null;

  @Column({ name: 'last_failure_reason', type: 'text', nullable: true })
  lastFailureReason!: string | null;

  /** The agent's event id (a sequence): an event at or below it was applied already. */
  @Column({ name: 'last_event_id', type: 'bigint', nullable: true, transformer: bigintAsString })
  lastEventId!: string | null;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
