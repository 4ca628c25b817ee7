// Entry of the scheduler worker (no HTTP listener): durable wake-ups and the simulated clock.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseEnv } from '@fleetlic/contracts';
import { SchedulerModule } from './scheduler.module';

async function bootstrap(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`scheduler: ${parsed.message}`);
    process.exit(1);
  }
  try {
    const app = await NestFactory.createApplicationContext(SchedulerModule.forRoot(parsed.env), { logger: false, abortOnError: false });
    // SIGTERM/SIGINT run the shutdown hooks: consumers stop, the fire round in flight commits, the lease is freed.
    app.enableShutdownHooks();
  } catch (err) {
    // One line: Nest's own logger is off so a start-up failure is not buried in a stack trace.
    console.error(`scheduler: cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}

void bootstrap();
