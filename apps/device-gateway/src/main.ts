// Entry of the device-gateway (HTTP API of API.md §1). Started with the telemetry preload
// (`node --require dist/libs/telemetry/src/preload.js`), so spans exist before Nest is imported.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseEnv, type FleetlicEnv } from '@fleetlic/contracts';
import { createClock } from '@fleetlic/clock';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase } from '@fleetlic/persistence';
import { logger } from '@fleetlic/telemetry';
import { setupOpenApi } from './docs/openapi';
import { GatewayModule } from './gateway.module';
import { bodyLimitsMiddleware } from './http/body-limits.middleware';
import { dataSourceFor } from './persistence/gateway.data-source';

async function bootstrap(env: FleetlicEnv): Promise<void> {
  const messaging = await Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'device-gateway' }).catch((err: Error) =>
    fatal(`cannot reach NATS at ${env.NATS_URL}: ${err.message}`),
  );
  await messaging.ensureStreams();
  const clock = await createClock(env, messaging.nc);
  await ensureDatabase(env.DATABASE_URL).catch((err: Error) => fatal(`cannot reach PostgreSQL at ${new URL(env.DATABASE_URL).host}: ${err.message}`));
  const dataSource = dataSourceFor(env);
  await dataSource.initialize();

  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot({ env, messaging, clock, dataSource }), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  app.disable('x-powered-by');
  app.use(bodyLimitsMiddleware);
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
  setupOpenApi(app);
  await app.init();
  // A deep accept backlog: a burst of thousands of new connections (a fleet-wide script) must
  // queue rather than be reset at Node's default of 511.
  const server = app.getHttpServer() as import('node:http').Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: env.FLEETLIC_GATEWAY_PORT, host: '0.0.0.0', backlog: 4096 }, resolve);
  });
  logger.info('device-gateway listening', { port: env.FLEETLIC_GATEWAY_PORT, namespace: env.FLEETLIC_NAMESPACE, clock: env.FLEETLIC_CLOCK });

  const stop = async () => {
    await app.close();
    await dataSource.destroy().catch(() => undefined);
    await clock.close();
    await messaging.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

function fatal(line: string): never {
  console.error(`device-gateway: ${line}`);
  process.exit(1);
}

const parsed = parseEnv(process.env);
if (!parsed.ok) fatal(parsed.message);
else bootstrap(parsed.env).catch((err: Error) => fatal(err.message));
