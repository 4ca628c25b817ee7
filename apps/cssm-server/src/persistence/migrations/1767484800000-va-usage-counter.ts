import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `va_usage`: licenses in use per (virtual account, tag), kept by triggers (see va-usage.entity).
 * Every change takes the virtual account's row lock first, the lock an authorization already
 * holds, so counter updates of one account never interleave and cannot deadlock on tag order.
 * Functions keep the schema they were created in (`SET search_path FROM CURRENT`).
 */
export class VaUsageCounter1767484800000 implements MigrationInterface {
  name = 'VaUsageCounter1767484800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE va_usage (
      va_id uuid NOT NULL,
      tag text NOT NULL,
      in_use integer NOT NULL,
      CONSTRAINT va_usage_pkey PRIMARY KEY (va_id, tag))`);
    await q.query(`CREATE FUNCTION va_usage_add(v uuid, t text, delta integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM virtual_accounts WHERE id = v FOR UPDATE;
        INSERT INTO va_usage (va_id, tag, in_use) VALUES (v, t, delta)
        ON CONFLICT (va_id, tag) DO UPDATE SET in_use = va_usage.in_use + EXCLUDED.in_use;
      END $$ SET search_path FROM CURRENT`);
    // A usage row counts while its instance is live; during a cascade from a deleted instance the
    // instance is gone (not FOUND) and its rows were already subtracted by the instance's trigger.
    await q.query(`CREATE FUNCTION instance_usage_counted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v uuid; live boolean;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.count > 0 THEN
          SELECT va_id, removed_at IS NULL AND NOT usage_released INTO v, live FROM product_instances WHERE id = OLD.instance_id;
          IF FOUND AND live THEN PERFORM va_usage_add(v, OLD.tag, -OLD.count); END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.count > 0 THEN
          SELECT va_id, removed_at IS NULL AND NOT usage_released INTO v, live FROM product_instances WHERE id = NEW.instance_id;
          IF FOUND AND live THEN PERFORM va_usage_add(v, NEW.tag, NEW.count); END IF;
        END IF;
        RETURN NULL;
      END $$ SET search_path FROM CURRENT`);
    await q.query(`CREATE TRIGGER instance_usage_counted AFTER INSERT OR UPDATE OR DELETE ON instance_usage
      FOR EACH ROW EXECUTE FUNCTION instance_usage_counted()`);
    await q.query(`CREATE FUNCTION product_instance_counted() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE was boolean; is_live boolean;
      BEGIN
        was := OLD.removed_at IS NULL AND NOT OLD.usage_released;
        IF TG_OP = 'DELETE' THEN
          IF was THEN
            PERFORM va_usage_add(OLD.va_id, u.tag, -u.count) FROM instance_usage u WHERE u.instance_id = OLD.id AND u.count > 0;
          END IF;
          RETURN OLD;
        END IF;
        is_live := NEW.removed_at IS NULL AND NOT NEW.usage_released;
        IF was = is_live AND OLD.va_id = NEW.va_id THEN RETURN NULL; END IF;
        IF was THEN
          PERFORM va_usage_add(OLD.va_id, u.tag, -u.count) FROM instance_usage u WHERE u.instance_id = OLD.id AND u.count > 0;
        END IF;
        IF is_live THEN
          PERFORM va_usage_add(NEW.va_id, u.tag, u.count) FROM instance_usage u WHERE u.instance_id = NEW.id AND u.count > 0;
        END IF;
        RETURN NULL;
      END $$ SET search_path FROM CURRENT`);
    await q.query(`CREATE TRIGGER product_instance_counted_delete BEFORE DELETE ON product_instances
      FOR EACH ROW EXECUTE FUNCTION product_instance_counted()`);
    await q.query(`CREATE TRIGGER product_instance_counted_update AFTER UPDATE OF removed_at, usage_released, va_id ON product_instances
      FOR EACH ROW EXECUTE FUNCTION product_instance_counted()`);
    // After the cascades of a deleted account (RI triggers fire first): its counters go too.
    await q.query(`CREATE FUNCTION va_usage_forget() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN DELETE FROM va_usage WHERE va_id = OLD.id; RETURN NULL; END $$ SET search_path FROM CURRENT`);
    await q.query(`CREATE TRIGGER va_usage_forget AFTER DELETE ON virtual_accounts FOR EACH ROW EXECUTE FUNCTION va_usage_forget()`);
    await q.query(`INSERT INTO va_usage (va_id, tag, in_use)
      SELECT p.va_id, u.tag, sum(u.count)::int FROM instance_usage u JOIN product_instances p ON p.id = u.instance_id
       WHERE p.removed_at IS NULL AND NOT p.usage_released AND u.count > 0 GROUP BY p.va_id, u.tag`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER va_usage_forget ON virtual_accounts');
    await q.query('DROP TRIGGER product_instance_counted_update ON product_instances');
    await q.query('DROP TRIGGER product_instance_counted_delete ON product_instances');
    await q.query('DROP TRIGGER instance_usage_counted ON instance_usage');
    await q.query('DROP FUNCTION va_usage_forget(), product_instance_counted(), instance_usage_counted(), va_usage_add(uuid, text, integer)');
    await q.query('DROP TABLE va_usage');
  }
}
