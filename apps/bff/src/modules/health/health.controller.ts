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
  @ApiOperation({ summary: 'Readiness: database, WHMCS and Salesforce answer' })
  @ApiResponse({ status: 200, description: 'every dependency is ok' })
  @ApiResponse({ status: 503, description: 'at least one dependency failed (see `checks`)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const result = await this.health.readiness();
    void reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
