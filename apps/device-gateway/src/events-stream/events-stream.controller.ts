import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import type { Request, Response } from 'express';
import { LICENSE_EVENT_NAMES, switchEventSchema } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { MESSAGING } from '../nats/tokens';

/** Proxies and load balancers close idle connections after 30–60 s; a comment keeps them open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /events/stream`: every switch's SMART_LIC events as server-sent events, from now on,
 * so a NOC can alert on e.g. SMART_LIC-3-AUTHORIZATION_EXPIRED without polling. Each client
 * gets an ephemeral ordered consumer (no state on the server after it goes, nothing to ack).
 */
@ApiTags('events')
@Controller('events')
export class EventsStreamController {
  constructor(@Inject(MESSAGING) private readonly messaging: Messaging) {}

  @Get('stream')
  @ApiOperation({ summary: 'Server-sent events of the whole fleet, each data line { switch, name, at, severity, message, data }' })
  @ApiQuery({ name: 'name', required: false, isArray: true, description: 'only these SMART_LIC event names (repeatable)' })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'text/event-stream; `: keep-alive` comments every 15 s' })
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const names = namesOf(req.query.name);
    const s = this.messaging.subjects;
    // NATS 2.9 takes one filter subject: one name filters on the server, several in here.
    const filter = names.size === 1 ? `${this.messaging.namespace}.evt.*.${[...names][0]}` : s.eventAll;
    let messages: ConsumerMessages;
    try {
      const consumer = await this.messaging.js.consumers.get(s.streams.events, { filter_subjects: filter, deliver_policy: DeliverPolicy.New });
      messages = await consumer.consume();
    } catch (err) {
      throw new GatewayError(GatewayErrorCode.Unavailable, `the event stream is not available: ${(err as Error).message}`);
    }
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write(': connected\n\n');
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const cleanup = () => {
      clearInterval(keepAlive);
      void messages.close().catch(() => undefined);
    };
    req.on('close', cleanup);
    try {
      for await (const msg of messages) {
        const parsed = switchEventSchema.safeParse(safeJson(msg.data));
        // Lifecycle notices and anything malformed are not SMART_LIC events.
        if (!parsed.success || (names.size && !names.has(parsed.data.name))) continue;
        const { id, switch: sw, name, at, severity, message, data } = parsed.data;
        res.write(`id: ${id}\ndata: ${JSON.stringify({ switch: sw, name, at, severity, message, data })}\n\n`);
      }
    } catch (err) {
      logger.warn('event stream to a client ended', { error: String(err) });
    } finally {
      cleanup();
      res.end();
    }
  }
}

function namesOf(q: unknown): Set<string> {
  const list = (Array.isArray(q) ? q : q === undefined ? [] : [q]).map(String);
  const unknown = list.filter((n) => !(LICENSE_EVENT_NAMES as string[]).includes(n));
  if (unknown.length) {
    throw new GatewayError(GatewayErrorCode.Validation, `name: unknown event name ${unknown.join(', ')}; known: ${LICENSE_EVENT_NAMES.join(', ')}`, undefined, { field: 'name' });
  }
  return new Set(list);
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
