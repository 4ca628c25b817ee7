import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProductInstance } from './product-instance.entity';

/** The count of one entitlement tag an instance reported in its last authorization request. */
@Entity({ name: 'instance_usage' })
export class InstanceUsage {
  @PrimaryColumn({ name: 'instance_id', type: 'uuid' })
  instanceId!: string;

  @PrimaryColumn({ type: 'text' })
  tag!: string;

  @ManyToOne(() => ProductInstance, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'instance_usage_instance_fk' })
  instance?: ProductInstance;

  @Column({ type: 'integer' })
  count!: number;
}
