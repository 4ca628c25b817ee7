import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { FleetlicEnv } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase } from '@fleetlic/persistence';
import { AgentModule, assertMigrated } from './agent.module';

/**
 * Boots the agent as a Nest application context (no HTTP listener) and starts its work.
 * Nest logs warnings only: start-up errors are printed once, as one line, by main.ts.
 * Used by main.ts and by the medium tests, which run the agent in-process.
 */
export async function startAgent(env: FleetlicEnv): Promise<INestApplicationContext> {
  await ensureDatabase(env.DATABASE_URL);
  await assertMigrated(env);
  const messaging = await Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'licensing-agent' });
  try {
    const app = await NestFactory.createApplicationContext(AgentModule.forEnv(env, messaging), { logger: ['warn'], abortOnError: false });
    app.enableShutdownHooks();
    await app.init();
    return app;
  } catch (err) {
    await messaging.close().catch(() => undefined);
    throw err;
  }
}
