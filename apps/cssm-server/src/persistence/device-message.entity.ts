import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The answer given to one device message, so that a retry gets the same answer (SPEC §5). */
@Entity({ name: 'device_messages' })
@Index('device_messages_received_at_idx', ['receivedAt'])
export class DeviceMessage {
  /** `<pid>:<sn>`. */
  @PrimaryColumn({ type: 'text' })
  udi!: string;

  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  answer!: Record<string, unknown>;

  /** Server time (shared clock) of the first processing. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
