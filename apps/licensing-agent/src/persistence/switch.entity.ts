import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { CallhomeConfig, NetworkConfig } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';

/**
 * One switch and its Smart Agent state. The hot paths use plain SQL (see switch-step.repository);
 * the entity describes the table so that `pendingSchemaChanges` can compare it with the migrations.
 */
@Entity({ name: 'switch' })
@Unique('uq_switch_name', ['name'])
@Unique('uq_switch_udi', ['udi'])
export class SwitchRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'switch_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  pid!: string;

  @Column({ name: 'serial_number', type: 'text' })
  serialNumber!: string;

  /** `PID:<pid>,SN:<serial>`, unique: two records can't claim the same hardware. */
  @Column({ type: 'text' })
  udi!: string;

  @Column({ name: 'nxos_version', type: 'text' })
  nxosVersion!: string;

  @Column({ type: 'jsonb' })
  callhome!: CallhomeConfig;

  @Column({ type: 'jsonb' })
  network!: NetworkConfig;

  @Column({ type: 'jsonb' })
  state!: AgentState;

  /** PKCS#8 PEM of the switch's EC P-256 key. Never logged, traced or returned by a query. */
  @Column({ name: 'private_key', type: 'text' })
  privateKey!: string;

  /** Copies of state.registration/authorization.status, so fleet filters can use an index. */
  @Column({ name: 'registration_status', type: 'text' })
  registrationStatus!: string;

  @Column({ name: 'authorization_status', type: 'text' })
  authorizationStatus!: string;

  /** nextWakeup(state) as last requested from the scheduler; compared to avoid redundant requests. */
  @Column({ name: 'next_wake_at', type: 'timestamptz', nullable: true })
  nextWakeAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
