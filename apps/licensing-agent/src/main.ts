// Entry of the licensing-agent worker. Run with the telemetry preload:
//   node --require ./dist/libs/telemetry/src/preload.js dist/apps/licensing-agent/src/main.js
import { parseEnv } from '@fleetlic/contracts';
import { startAgent } from './agent.bootstrap';

async function main(): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`licensing-agent: ${parsed.message}`);
    process.exit(1);
  }
  try {
    // enableShutdownHooks: SIGTERM/SIGINT stop consuming, let in-flight commands commit, then close.
    await startAgent(parsed.env);
  } catch (err) {
    console.error(`licensing-agent: ${(err as Error).message}`);
    process.exit(1);
  }
}

void main();
