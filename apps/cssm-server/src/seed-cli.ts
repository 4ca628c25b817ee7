import { createClock, RealClock } from '@fleetlic/clock';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase, runMigrations } from '@fleetlic/persistence';
import { parseCssmEnv } from './cssm-env';
import { dataSourceFor } from './persistence/cssm.data-source';
import { seedDemo } from './seed';

/**
 * Seeds the demo account and prints `{ clientId, clientSecret, idToken }` as JSON on stdout,
 * or `{ "seeded": false }` when it already exists. Applies pending migrations first.
 */
async function main(): Promise<void> {
  const parsed = parseCssmEnv(process.env);
  if (!parsed.ok) throw new Error(parsed.message);
  const { env } = parsed.value;
  const messaging = env.FLEETLIC_CLOCK === 'simulated' ? await Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'cssm-seed' }) : undefined;
  const clock = messaging ? await createClock(env, messaging.nc) : new RealClock();
  await ensureDatabase(env.DATABASE_URL);
  const ds = dataSourceFor(env, 2);
  await ds.initialize();
  try {
    await runMigrations(ds);
    const seeded = await seedDemo(ds, clock);
    process.stdout.write(`${JSON.stringify(seeded ?? { seeded: false })}\n`);
  } finally {
    await ds.destroy();
    await clock.close();
    await messaging?.close();
  }
}

main().catch((error: Error) => {
  console.error(`cssm-server seed: ${error.message}`);
  process.exit(1);
});
