import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { jsonSchemaOf } from '../docs/json-schema';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { isTrue, parseInput, requireApplied } from '../http/parse-input';
import { AgentClient, type CommandInput } from '../nats/agent-client';
import { registerSchema, renewSchema, ShowWhat, unknownTags, usageSchema } from './license-inputs';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Smart Licensing of one switch: the commands an operator types on NX-OS (`license smart …`)
 * and the `show license …` outputs, as JSON or, with `Accept: text/plain`, the NX-OS text.
 */
@ApiTags('license')
@Controller('switches/:name/license')
export class LicenseController {
  constructor(private readonly agent: AgentClient) {}

  @Put('usage')
  @ApiOperation({ summary: 'Set the entitlements in use (an unknown tag is refused with the known ones)' })
  @ApiBody({ schema: jsonSchemaOf(usageSchema) })
  @ApiQuery({ name: 'wait', required: false, description: 'true: 200 with the resulting status' })
  async usage(@Param('name') name: string, @Body() body: unknown, @Query('wait') wait: string, @Res() res: Response) {
    const { entitlements } = parseInput(usageSchema, body);
    const unknown = unknownTags(entitlements);
    if (unknown.length) {
      throw new GatewayError(GatewayErrorCode.UnknownEntitlement, `unknown entitlement tag ${unknown.join(', ')}; known tags: ${ENTITLEMENT_TAGS.join(', ')}`, 422, { known: ENTITLEMENT_TAGS });
    }
    return this.command(name, { type: 'set-usage', entitlements: entitlements as never }, wait, res);
  }

  @Post('register')
  @ApiOperation({ summary: 'license smart register idtoken <token> [force]' })
  @ApiBody({ schema: jsonSchemaOf(registerSchema) })
  @ApiQuery({ name: 'wait', required: false, description: 'true: 200 with the resulting status, or 422 when the agent refuses' })
  @ApiResponse({ status: 202, description: '{ commandId }' })
  @ApiResponse({ status: 422, description: 'refused by the agent (unsupported platform or release, already registered, Smart Licensing disabled)' })
  async register(@Param('name') name: string, @Body() body: unknown, @Query('wait') wait: string, @Res() res: Response) {
    const { idToken, force } = parseInput(registerSchema, body);
    return this.command(name, { type: 'register', idToken, force: force ?? false }, wait, res);
  }

  @Post('deregister')
  @ApiOperation({ summary: 'license smart deregister' })
  @ApiQuery({ name: 'wait', required: false })
  async deregister(@Param('name') name: string, @Query('wait') wait: string, @Res() res: Response) {
    return this.command(name, { type: 'deregister' }, wait, res);
  }

  @Post('renew')
  @ApiOperation({ summary: 'license smart renew id|auth' })
  @ApiBody({ schema: jsonSchemaOf(renewSchema) })
  @ApiQuery({ name: 'wait', required: false })
  async renew(@Param('name') name: string, @Body() body: unknown, @Query('wait') wait: string, @Res() res: Response) {
    const { what } = parseInput(renewSchema, body);
    return this.command(name, { type: 'renew', what }, wait, res);
  }

  @Get('status')
  @ApiOperation({ summary: 'show license status' })
  @ApiProduces('application/json', 'text/plain')
  status(@Param('name') name: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.show(name, 'status', req, res);
  }

  @Get('summary')
  @ApiOperation({ summary: 'show license summary' })
  @ApiProduces('application/json', 'text/plain')
  summary(@Param('name') name: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.show(name, 'summary', req, res);
  }

  @Get('usage')
  @ApiOperation({ summary: 'show license usage' })
  @ApiProduces('application/json', 'text/plain')
  usageShow(@Param('name') name: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.show(name, 'usage', req, res);
  }

  @Get('all')
  @ApiOperation({ summary: 'show license all' })
  @ApiProduces('application/json', 'text/plain')
  all(@Param('name') name: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.show(name, 'all', req, res);
  }

  /**
   * 202 `{ commandId }` at once, or with `?wait=true` 200 and the resulting status JSON. The
   * status depends on the query, so these routes answer through `res` themselves.
   */
  private async command(name: string, input: DistributiveOmit<CommandInput, 'switchId'>, wait: string, res: Response): Promise<void> {
    const switchId = await this.agent.resolve(name);
    const waiting = isTrue(wait);
    const { commandId, result } = await this.agent.send({ ...input, switchId } as CommandInput, waiting);
    if (!waiting) {
      res.status(202).json({ commandId });
      return;
    }
    requireApplied(result, name);
    res.status(200).json(await this.agent.queryExisting({ type: 'show', name, what: 'status', format: 'json' }));
  }

  private async show(name: string, what: ShowWhat, req: Request, res: Response): Promise<unknown> {
    // Only an explicit preference for text gets text; `*/*` and JSON get JSON.
    const text = req.accepts(['application/json', 'text/plain']) === 'text/plain';
    const body = await this.agent.queryExisting({ type: 'show', name, what, format: text ? 'text' : 'json' });
    if (!text) return body;
    res.type('text/plain; charset=utf-8');
    return typeof body === 'string' ? body : String((body as { text?: string }).text ?? body);
  }
}
