import { computeCompliance, ComplianceReport } from '@fleetlic/licensing-domain';
import { EntityManager } from 'typeorm';

/**
 * Reads one VA's pools and the usage of its live instances and computes its compliance (SPEC §9).
 * With `lock`, the VA row and its pool rows are locked FOR UPDATE first, so that decisions about
 * one VA are taken one at a time: two switches racing for the last license never both win.
 */
export async function vaCompliance(em: EntityManager, vaId: string, lock = false): Promise<ComplianceReport> {
  if (lock) {
    await em.query('SELECT id FROM virtual_accounts WHERE id = $1 FOR UPDATE', [vaId]);
    await em.query('SELECT tag FROM license_pools WHERE va_id = $1 ORDER BY tag FOR UPDATE', [vaId]);
  }
  const pools: { tag: string; purchased: number }[] = await em.query('SELECT tag, purchased FROM license_pools WHERE va_id = $1', [vaId]);
  const usage: { instance: string; tag: string; count: number; released: boolean }[] = await em.query(
    `SELECT u.instance_id AS instance, u.tag, u.count, p.usage_released AS released
       FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
      WHERE p.va_id = $1 AND p.removed_at IS NULL`,
    [vaId],
  );
  return computeCompliance(pools, usage);
}
