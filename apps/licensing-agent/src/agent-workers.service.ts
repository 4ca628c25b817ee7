import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { agentCommandSchema, agentQuerySchema, subjects, wakeSchema, type FleetlicEnv } from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import type { ConsumerHandle, Messaging, OutboxRelay } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import { AGENT_ENV, CLOCK, DATA_SOURCE, MESSAGING, OUTBOX_RELAY } from './agent.tokens';
import { CommandHandler } from './commands/command.handler';
import { ProcessedCommandPruner } from './persistence/processed-command.pruner';
import { QueryHandler } from './queries/query.handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts the agent's work once Nest has built everything (consumers, query service, relay,
 * health) and stops it in the reverse order on shutdown: no new messages, in-flight ones
 * finish and commit, the relay publishes what they wrote, then connections close.
 */
@Injectable()
export class AgentWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumers: ConsumerHandle[] = [];
  private subscriptions: ReturnType<Messaging['serve']>[] = [];
  private pruner?: ProcessedCommandPruner;

  constructor(
    @Inject(AGENT_ENV) private readonly env: FleetlicEnv,
    @Inject(MESSAGING) private readonly m: Messaging,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    private readonly commands: CommandHandler,
    private readonly queries: QueryHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const s = subjects(this.env.FLEETLIC_NAMESPACE);
    await this.m.ensureStreams();
    this.relay.start();
    this.pruner = new ProcessedCommandPruner(this.ds);
    this.pruner.start();
    this.subscriptions.push(this.m.serve(s.agentQuery, { queue: 'agent', schema: agentQuerySchema, handler: (q, ctx) => this.queries.handle(q, ctx.time) }));
    this.consumers.push(
      this.m.consume({
        stream: s.streams.agentCommands,
        durable: s.consumers.agentCommands,
        filterSubjects: [s.agentCommandAll],
        schema: agentCommandSchema,
        concurrency: this.env.FLEETLIC_AGENT_CONCURRENCY,
        handler: (command, ctx) => this.commands.handleCommand(command, ctx),
      }),
      this.m.consume({
        stream: s.streams.wakes,
        durable: s.consumers.agentWakes,
        filterSubjects: [s.wakeAgentAll],
        schema: wakeSchema,
        concurrency: this.env.FLEETLIC_AGENT_CONCURRENCY,
        handler: async (wake, ctx) => {
          const switchId = wake.owner.replace(/^agent\./, '');
          if (!UUID.test(switchId)) return logger.warn('wake for an owner that is no switch, ignored', { owner: wake.owner });
          await this.commands.handleWake(switchId, Date.parse(wake.at), ctx);
        },
      }),
    );
    await Promise.all(this.consumers.map((c) => c.ready));
    this.subscriptions.push(this.m.serveHealth('licensing-agent'));
    logger.info('licensing-agent ready', { namespace: this.env.FLEETLIC_NAMESPACE, concurrency: this.env.FLEETLIC_AGENT_CONCURRENCY });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const sub of this.subscriptions.splice(0)) sub.unsubscribe();
    await Promise.all(this.consumers.splice(0).map((c) => c.stop()));
    await this.pruner?.stop();
    await this.relay.stop();
    await this.relay.flush().catch((err) => logger.warn('outbox not flushed at shutdown; the next start publishes it', { error: String(err) }));
    await this.m.close();
    await this.clock.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
