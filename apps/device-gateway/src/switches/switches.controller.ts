import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { RequireRole } from '../auth/roles.decorator';
import { FleetProjectionRepository } from '../fleet/fleet-projection.repository';
import { FleetReadRepository } from '../fleet/fleet-read.repository';
import { jsonSchemaOf } from '../docs/json-schema';
import { parseInput, requireApplied } from '../http/parse-input';
import { AgentClient } from '../nats/agent-client';
import { createSwitchSchema, listQuerySchema } from './switch-inputs';

/** The inventory: create, list, read and delete switches. The agent owns the records. */
@ApiTags('switches')
@Controller('switches')
export class SwitchesController {
  constructor(
    private readonly agent: AgentClient,
    private readonly fleet: FleetReadRepository,
    private readonly projection: FleetProjectionRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a switch; an unsupported platform or release is accepted (only registration refuses it)' })
  @ApiBody({ schema: jsonSchemaOf(createSwitchSchema) })
  @ApiResponse({ status: 201, description: 'the switch with its licensing state' })
  @ApiResponse({ status: 409, description: 'the name or UDI exists' })
  @ApiResponse({ status: 422, description: 'a malformed field' })
  async create(@Body() body: unknown): Promise<unknown> {
    const input = parseInput(createSwitchSchema, body);
    const switchId = randomUUID();
    const { result } = await this.agent.send({ type: 'create', switchId, ...input }, true);
    requireApplied(result, input.name);
    await this.projection.created([{ switchId, name: input.name }], new Date());
    return this.agent.queryExisting({ type: 'get', name: input.name });
  }

  @Get()
  @ApiOperation({ summary: 'List switches, filtered by registration or authorization status, paged by cursor' })
  @ApiResponse({ status: 200, description: '{ items[], nextCursor }' })
  async list(@Query() query: Record<string, string>): Promise<unknown> {
    const q = parseInput(listQuerySchema, query, 'query');
    // Fleet-wide reads come from the projection (one indexed keyset query), not from the agent.
    const page = await this.fleet.list(q);
    return { items: page.items.map(({ switchId: _id, ...item }) => item), nextCursor: page.nextCursor };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One switch with its licensing state' })
  @ApiResponse({ status: 404, description: 'unknown switch' })
  async get(@Param('name') name: string): Promise<unknown> {
    return this.agent.queryExisting({ type: 'get', name });
  }

  @Delete(':name')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete a switch (deregisters it first when registered)' })
  @ApiResponse({ status: 204, description: 'deleted' })
  async remove(@Param('name') name: string): Promise<void> {
    const switchId = await this.agent.resolve(name);
    const { result } = await this.agent.send({ type: 'delete', switchId }, true);
    requireApplied(result, name);
    await this.projection.removed([switchId]);
  }
}
