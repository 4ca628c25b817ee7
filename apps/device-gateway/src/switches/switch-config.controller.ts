import { Body, Controller, Headers, Param, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { callhomeSchema, networkSchema, type CallhomeConfig } from '@fleetlic/contracts';
import { jsonSchemaOf } from '../docs/json-schema';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { parseInput, requireApplied } from '../http/parse-input';
import { AgentClient } from '../nats/agent-client';
import { callhomeFromText } from './callhome-text';

/**
 * The switch's configuration that decides how its Call Home reaches the license server: this
 * is how a known problem (SPEC §11) is injected or repaired. The next attempt uses it.
 */
@ApiTags('switches')
@Controller('switches/:name')
export class SwitchConfigController {
  constructor(private readonly agent: AgentClient) {}

  @Put('callhome')
  @ApiOperation({ summary: 'Set the Call Home configuration, as JSON or as the NX-OS block `show running-config callhome` prints' })
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ schema: jsonSchemaOf(callhomeSchema) })
  @ApiResponse({ status: 200, description: 'the parsed configuration' })
  async setCallhome(@Param('name') name: string, @Body() body: unknown, @Headers('content-type') type = ''): Promise<CallhomeConfig> {
    const callhome = type.startsWith('text/plain') ? callhomeFromText(String(body ?? '')) : parseInput(callhomeSchema, body);
    const switchId = await this.agent.resolve(name);
    const { result } = await this.agent.send({ type: 'set-callhome', switchId, callhome }, true);
    requireApplied(result, name);
    return callhome;
  }

  @Put('network')
  @ApiOperation({ summary: "Set what the switch's Call Home can reach: interfaces, name servers, static hosts, trust anchors" })
  @ApiBody({ schema: jsonSchemaOf(networkSchema) })
  @ApiResponse({ status: 200, description: 'the network as stored' })
  async setNetwork(@Param('name') name: string, @Body() body: unknown, @Headers('content-type') type = ''): Promise<unknown> {
    if (!type.startsWith('application/json')) throw new GatewayError(GatewayErrorCode.UnsupportedMediaType, 'send the network as application/json');
    const network = parseInput(networkSchema, body);
    const switchId = await this.agent.resolve(name);
    const { result } = await this.agent.send({ type: 'set-network', switchId, network }, true);
    requireApplied(result, name);
    return network;
  }
}
