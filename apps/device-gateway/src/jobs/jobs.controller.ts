import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { JobStore, JobView } from './job-store';

/** Progress of long requests: imports, fleet registrations, clock advances with `?wait=false`. */
@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobStore) {}

  @Get(':jobId')
  @ApiOperation({ summary: 'A job: { id, kind, state, total, done, failed, errors }' })
  @ApiResponse({ status: 404, description: 'unknown job' })
  async get(@Param('jobId') id: string): Promise<JobView> {
    const job = await this.jobs.get(id);
    if (!job) throw new GatewayError(GatewayErrorCode.NotFound, `job ${id} does not exist`);
    return job;
  }
}
