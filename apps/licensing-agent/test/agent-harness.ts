import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { parseEnv, subjects, commandResultSchema, agentQueryReplySchema, type AgentCommand, type AgentQuery, type CommandResult, type FleetlicEnv } from '@fleetlic/contracts';
import { Messaging, streamDefinitions } from '@fleetlic/messaging';
import { ensureDatabase, runMigrations, schemaName } from '@fleetlic/persistence';
import { startInfra, uniqueNamespace } from '@fleetlic/testing';
import type { DataSource } from 'typeorm';
import { startAgent } from '../src/agent.bootstrap';
import { dataSourceFor } from '../src/persistence/agent.data-source';

/** A command as a test writes it: the harness fills in the id (unless given) and the issue time. */
export type TestCommand = AgentCommand extends infer C ? (C extends AgentCommand ? Omit<C, 'commandId' | 'issuedAt' | 'force'> & { commandId?: string; force?: boolean } : never) : never;

/** Test-only: one in-process agent on a private namespace, and a client connection to drive it. */
export interface AgentHarness {
  env: FleetlicEnv;
  ns: string;
  s: ReturnType<typeof subjects>;
  client: Messaging;
  /** A direct connection to the agent schema, to look at what the agent wrote. */
  db: DataSource;
  command(cmd: TestCommand, opts?: { msgId?: string }): Promise<CommandResult>;
  /** `time`: the asker's instant, sent as `Fleetlic-Time` as the gateway sends it. */
  query<T = unknown>(q: AgentQuery, time?: number): Promise<{ found: boolean; body?: T }>;
  close(): Promise<void>;
}

export async function startAgentHarness(prefix: string): Promise<AgentHarness> {
  const infra = await startInfra();
  const ns = uniqueNamespace(prefix);
  const parsed = parseEnv({ ...process.env, DATABASE_URL: infra.databaseUrl, NATS_URL: infra.natsUrl, FLEETLIC_NAMESPACE: ns, FLEETLIC_AGENT_CONCURRENCY: '8' });
  if (!parsed.ok) throw new Error(parsed.message);
  const env = parsed.env;
  await ensureDatabase(env.DATABASE_URL);
  const db = dataSourceFor(env);
  await db.initialize();
  await runMigrations(db);
  const client = await Messaging.connect({ url: env.NATS_URL, namespace: ns, name: 'agent-test' });
  const app: INestApplicationContext = await startAgent(env);
  const s = subjects(ns);

  return {
    env,
    ns,
    s,
    client,
    db,
    async command(cmd, opts = {}) {
      const full = { ...cmd, commandId: cmd.commandId ?? randomUUID(), issuedAt: new Date().toISOString() } as AgentCommand;
      // Subscribe before publishing, as the gateway does, so the result cannot be missed.
      const sub = client.nc.subscribe(s.commandResult(full.commandId), { max: 1, timeout: 30_000 });
      await client.publish(s.agentCommand(full.switchId), full, { msgId: opts.msgId ?? full.commandId });
      for await (const msg of sub) return commandResultSchema.parse(msg.json());
      throw new Error(`no result for ${full.type}`);
    },
    async query<T>(q: AgentQuery, time?: number) {
      return (await client.request(s.agentQuery, q, { schema: agentQueryReplySchema, timeoutMs: 10_000, time })) as { found: boolean; body?: T };
    },
    async close() {
      await app.close();
      for (const def of streamDefinitions(ns)) await client.jsm.streams.delete(def.name!).catch(() => undefined);
      await client.close();
      await db.query(`DROP SCHEMA IF EXISTS "${schemaName(ns, 'agent')}" CASCADE`);
      await db.destroy();
    },
  };
}
