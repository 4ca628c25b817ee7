import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CSSM_CONFIG, CssmConfig, DATA_SOURCE } from '../common/injection-tokens';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(CSSM_CONFIG) private readonly config: CssmConfig,
  ) {}

  @Get()
  async health() {
    await this.ds.query('SELECT 1');
    return { status: 'ok', service: 'cssm-server', instance: this.config.instance, mode: this.config.mode };
  }
}
