import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseEnv } from '@fleetlic/contracts';
import { logger } from '@fleetlic/telemetry';
import { AdapterModule } from './adapter.module';

/**
 * cssm-adapter: a worker without an HTTP listener. It answers the agents' `<ns>.adapter.call`
 * by performing the switch's Call Home exchange. Run with the telemetry preload
 * (`node --require ./dist/libs/telemetry/src/preload.js dist/apps/cssm-adapter/src/main.js`).
 */
async function bootstrap(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(AdapterModule.forRoot(parsed.env), { logger: ['error', 'warn'] });
  // app.close() runs onApplicationShutdown (stop serving, finish exchanges, drain). Handled
  // here rather than by enableShutdownHooks, which re-raises the signal and exits 143.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('cssm-adapter received signal', { signal });
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('cssm-adapter shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: the telemetry preload re-raises the signal when no listener is left.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

bootstrap().catch((err: unknown) => {
  logger.error('cssm-adapter failed to start', { error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
