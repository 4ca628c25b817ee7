import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A switch deleted from the fleet projection. Messages about it can still arrive after its
 * deletion (a `created` or an event redelivered after a gateway crash, up to the projection
 * consumer's 20 deliveries × 60 s ack wait); the projection inserts no row for an id found here.
 * Switch ids are never reused (a switch created again under its name gets a new one), so a
 * tombstone can only ever stop stale news; they are pruned after a day.
 */
@Entity({ name: 'fleet_switch_tombstone' })
@Index('ix_fleet_switch_tombstone_deleted_at', ['deletedAt'])
export class FleetSwitchTombstoneEntity {
  @PrimaryColumn({ name: 'switch_id', type: 'uuid', primaryKeyConstraintName: 'fleet_switch_tombstone_pkey' })
  switchId!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date;
}
