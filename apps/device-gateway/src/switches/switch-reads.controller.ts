import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parseInput } from '../http/parse-input';
import { AgentClient } from '../nats/agent-client';
import { eventsQuerySchema } from './switch-inputs';

/** What happened to a switch (SPEC §13) and why it fails (SPEC §11), from the agent's live state. */
@ApiTags('switches')
@Controller('switches/:name')
export class SwitchReadsController {
  constructor(private readonly agent: AgentClient) {}

  @Get('events')
  @ApiOperation({ summary: 'The SMART_LIC events of the switch, newest first' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 100' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 instant' })
  @ApiResponse({ status: 200, description: '{ items: [{ id, name, at, severity, message, data }] }' })
  async events(@Param('name') name: string, @Query() query: Record<string, string>): Promise<unknown> {
    const q = parseInput(eventsQuerySchema, query, 'query');
    const body = await this.agent.queryExisting({ type: 'events', name, ...q });
    return Array.isArray(body) ? { items: body } : body;
  }

  @Get('diagnosis')
  @ApiOperation({ summary: 'The known problems (SPEC §11) the live state shows, with evidence and remedy' })
  @ApiResponse({ status: 200, description: '{ findings: [{ problem, evidence, remedy }] }' })
  async diagnosis(@Param('name') name: string): Promise<unknown> {
    const body = await this.agent.queryExisting({ type: 'diagnosis', name });
    return Array.isArray(body) ? { findings: body } : body;
  }
}
