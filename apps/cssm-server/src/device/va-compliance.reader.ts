import { computeCompliance, ComplianceReport } from '@fleetlic/licensing-domain';
import { EntityManager } from 'typeorm';

/**
 * Reads one VA's pools and the usage of its live instances and computes its compliance (SPEC §9).
 * With `lock`, the VA row and its pool rows are locked FOR UPDATE first, so that decisions about
 * one VA are taken one at a time: two switches racing for the last license never both win.
 */
export async function vaCompliance(em: EntityManager, vaId: string, lock = false): Promise<ComplianceReport> {
  if (lock) await lockVa(em, vaId);
  const pools: { tag: string; purchased: number }[] = await em.query('SELECT tag, purchased FROM license_pools WHERE va_id = $1', [vaId]);
  const usage: { instance: string; tag: string; count: number; released: boolean }[] = await em.query(
    `SELECT u.instance_id AS instance, u.tag, u.count, p.usage_released AS released
       FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
      WHERE p.va_id = $1 AND p.removed_at IS NULL`,
    [vaId],
  );
  return computeCompliance(pools, usage);
}

/** Locks the VA row and its pool rows (see vaCompliance) without reading its usage. */
export async function lockVa(em: EntityManager, vaId: string): Promise<void> {
  await em.query('SELECT id FROM virtual_accounts WHERE id = $1 FOR UPDATE', [vaId]);
  await em.query('SELECT tag FROM license_pools WHERE va_id = $1 ORDER BY tag FOR UPDATE', [vaId]);
}

/**
 * The statuses of one instance's tags, as `vaCompliance(...).instances[instanceId]` gives them,
 * without reading every instance of the VA: the others' total per tag is the account's counter
 * (`va_usage`) minus this instance's live usage (a tag's status depends only on the VA's
 * total), this instance's rows are read as such. Authorization runs this for every renewal of
 * every switch, so its cost must not grow with the number of instances in the account.
 */
export async function instanceCompliance(em: EntityManager, vaId: string, instanceId: string): Promise<ComplianceReport['instances'][string]> {
  const pools: { tag: string; purchased: number }[] = await em.query('SELECT tag, purchased FROM license_pools WHERE va_id = $1', [vaId]);
  const usage: { instance: string; tag: string; count: number; released: boolean }[] = await em.query(
    `SELECT '' AS instance, v.tag, v.in_use - coalesce(mine.count, 0) AS count, false AS released
       FROM va_usage v
       LEFT JOIN (SELECT u.tag, u.count FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
                   WHERE p.id = $2 AND p.va_id = $1 AND p.removed_at IS NULL AND NOT p.usage_released AND u.count > 0) mine
         ON mine.tag = v.tag
      WHERE v.va_id = $1 AND v.in_use - coalesce(mine.count, 0) > 0
     UNION ALL
     SELECT $2::text, u.tag, u.count, p.usage_released
       FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
      WHERE p.id = $2 AND p.va_id = $1 AND p.removed_at IS NULL`,
    [vaId, instanceId],
  );
  return computeCompliance(pools, usage).instances[instanceId] ?? [];
}
