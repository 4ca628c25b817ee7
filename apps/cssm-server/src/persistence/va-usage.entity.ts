import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Licenses of one tag in use in a virtual account: the sum of `instance_usage` over its live
 * instances (not removed, usage not released). Kept by triggers on instance_usage,
 * product_instances and virtual_accounts (migration 1767484800000), so every path that changes
 * usage — authorization, deregistration, removal, release, On-Prem sync — keeps it without
 * knowing; an authorization reads it instead of summing the whole virtual account.
 */
@Entity({ name: 'va_usage' })
export class VaUsage {
  @PrimaryColumn({ name: 'va_id', type: 'uuid' })
  vaId!: string;

  @PrimaryColumn({ type: 'text' })
  tag!: string;

  @Column({ name: 'in_use', type: 'integer' })
  inUse!: number;
}
