import { subjects, wakeSchema } from '@fleetlic/contracts';
import { createClock } from '@fleetlic/clock';
import { Messaging, OutboxRelay } from '@fleetlic/messaging';
import { ensureDatabase } from '@fleetlic/persistence';
import { logger } from '@fleetlic/telemetry';
import { Server } from 'node:http';
import { CaService } from './ca/ca.service';
import { createCssmApp } from './cssm-app.factory';
import { parseCssmEnv } from './cssm-env';
import { createPlainHttpServer } from './http/plain-http-page';
import { createTlsServer } from './http/tls-server';
import { OAuthService } from './oauth/oauth.service';
import { NetworkSyncService } from './onprem/network-sync.service';
import { SYNC_WAKE_PREFIX } from './onprem/sync-wake-key';
import { cssmSchema, dataSourceFor } from './persistence/cssm.data-source';
import { schemaIsCurrent } from './persistence/schema-check';
import { seedDemo } from './seed';
import { SilenceWakeHandler } from './silence/silence-wake.handler';

function fail(message: string): never {
  console.error(`cssm-server: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const parsed = parseCssmEnv(process.env);
  if (!parsed.ok) fail(parsed.message);
  const { env, config, tlsNames, seed } = parsed.value;
  const s = subjects(config.namespace);

  const messaging = await Messaging.connect({ url: env.NATS_URL, namespace: config.namespace, name: `cssm-server-${config.instance}` }).catch((e: Error) => fail(e.message));
  await messaging.ensureStreams();
  const clock = await createClock(env, messaging.nc);
  await ensureDatabase(env.DATABASE_URL).catch((e: Error) => fail(`cannot reach PostgreSQL at ${new URL(env.DATABASE_URL).host}: ${e.message}`));
  const ds = dataSourceFor(env);
  await ds.initialize();
  if (!(await schemaIsCurrent(ds, cssmSchema(env)))) fail(`the schema ${cssmSchema(env)} is missing or not up to date: run npm run migrate`);

  const relay = new OutboxRelay({ messaging, dataSource: ds }).start();
  const { app, handler } = await createCssmApp({ dataSource: ds, clock, config, outboxKick: () => relay.kick() });
  if (env.FLEETLIC_CSSM_CLIENT_ID && env.FLEETLIC_CSSM_CLIENT_SECRET) await app.get(OAuthService).upsertClient(env.FLEETLIC_CSSM_CLIENT_ID, env.FLEETLIC_CSSM_CLIENT_SECRET);
  if (seed === 'demo' && (await seedDemo(ds, clock))) logger.info('seeded the demo Smart Account', { domain: 'demo.example.com' });

  const wakes = app.get(SilenceWakeHandler);
  const sync = app.get(NetworkSyncService);
  const consumer = messaging.consume({
    stream: s.streams.wakes,
    durable: s.consumers.cssmWakes(config.instance),
    filterSubjects: [s.wakeCssm(config.instance)],
    schema: wakeSchema,
    concurrency: 8,
    handler: async (wake, ctx) => {
      // `sync.<account>`: an On-Prem account's scheduled network sync; the rest are silence wakes.
      const outcome = wake.key.startsWith(SYNC_WAKE_PREFIX) ? await sync.handleWake(wake, ctx.time) : await wakes.handle(wake, ctx.time);
      if (outcome !== 'nothing') logger.info(`cssm wake: ${outcome}`, { key: wake.key, 'cssm.instance': config.instance });
    },
  });
  messaging.serveHealth(`cssm-${config.instance}`);

  const https = await createTlsServer(app.get(CaService), tlsNames, handler);
  const http = createPlainHttpServer();
  await listen(https, env.FLEETLIC_CSSM_HTTPS_PORT);
  await listen(http, env.FLEETLIC_CSSM_HTTP_PORT);
  logger.info('cssm-server listening', { https: env.FLEETLIC_CSSM_HTTPS_PORT, http: env.FLEETLIC_CSSM_HTTP_PORT, 'cssm.instance': config.instance, mode: config.mode });

  const shutdown = async () => {
    https.close();
    http.close();
    await consumer.stop();
    await relay.stop();
    await app.close();
    await messaging.close();
    await ds.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

function listen(server: Server | import('node:https').Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use`) : e));
    server.listen(port, resolve);
  });
}

main().catch((error: Error) => fail(error.message));
