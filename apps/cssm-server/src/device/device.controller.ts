import { DEVICE_PATHS, HEADERS } from '@fleetlic/contracts';
import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { CSSM_CONFIG, CssmConfig } from '../common/injection-tokens';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { DeviceMessageService, DeviceResult } from './device-message.service';

/**
 * The switch-facing endpoints (API.md §3): the cloud path in `cloud` mode, the On-Prem path in
 * `onprem` mode. A refusal is a 200 answer with `status: FAILED`, as CSSM answers.
 */
@Controller()
export class DeviceController {
  constructor(
    private readonly messages: DeviceMessageService,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
  ) {}

  @Post(DEVICE_PATHS.cloud.slice(1))
  @HttpCode(200)
  cloud(@Body() body: unknown, @Headers(HEADERS.time.toLowerCase()) time?: string): Promise<DeviceResult> {
    return this.receive('cloud', body, time);
  }

  @Post(DEVICE_PATHS.onprem.slice(1))
  @HttpCode(200)
  onprem(@Body() body: unknown, @Headers(HEADERS.time.toLowerCase()) time?: string): Promise<DeviceResult> {
    return this.receive('onprem', body, time);
  }

  private async receive(mode: CssmConfig['mode'], body: unknown, time?: string): Promise<DeviceResult> {
    if (this.config.mode !== mode) {
      throw new CssmError(CssmErrorCode.RouteNotFound, `this license server runs in ${this.config.mode} mode; devices use ${DEVICE_PATHS[this.config.mode]}`);
    }
    const headerTime = time ? Date.parse(time) : undefined;
    const answer = await this.messages.handle(body, Number.isFinite(headerTime) ? headerTime : undefined);
    const span = trace.getActiveSpan();
    span?.setAttribute('cssm.device.type', String((body as { type?: unknown })?.type ?? 'unknown'));
    span?.setAttribute('cssm.device.status', answer.status);
    if (answer.status === 'FAILED') span?.setAttribute('cssm.device.refusal', answer.code);
    return answer;
  }
}
