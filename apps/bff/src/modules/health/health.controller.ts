import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { HealthService, type Readiness } from './health.service';

/** Liveness and readiness probes. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @SystemScope('health')
  @ApiOperation({
    summary: 'Readiness: database, WHMCS and Salesforce answer; upstream circuit breaker states',
    description: 'An upstream whose circuit breaker is open is `degraded` and does not fail readiness.',
  })
  @ApiResponse({ status: 200, description: 'every dependency is ok or degraded (breaker open)' })
  @ApiResponse({ status: 503, description: 'at least one dependency failed (see `checks`)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const result = await this.health.readiness();
    void reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
