import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  webhookDeliveryListQuerySchema,
  type WebhookDelivery,
  type WebhookDeliveryListQuery,
  type WebhookDeliveryPage,
} from '@portico/domain';
import type { FastifyRequest } from 'fastify';
import { CurrentUser, PlatformAdmin, UUID_PATTERN, type SessionUser } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { WebhookDeliveriesAdminService } from './webhook-deliveries-admin.service';

/** Recorded webhook deliveries, for platform admins only (404 to anyone else): dead letters and their replay. */
@ApiTags('admin')
@Controller('api/v1/admin/webhook-deliveries')
@PlatformAdmin()
export class WebhookDeliveriesAdminController {
  constructor(private readonly deliveries: WebhookDeliveriesAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'List webhook deliveries',
    description: 'Newest first; `status` (e.g. `dead_lettered`) and `provider` filters, `page`, `pageSize`.',
  })
  list(
    @Query(new ZodValidationPipe(webhookDeliveryListQuerySchema)) query: WebhookDeliveryListQuery,
  ): Promise<WebhookDeliveryPage> {
    return this.deliveries.list(query);
  }

  @Post(':deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Replay a dead-lettered (or ignored) delivery',
    description: 'Queues it again; audited as `webhook.replayed`. 409 for other states.',
  })
  @ApiParam({ name: 'deliveryId', description: 'the delivery row id (uuid)' })
  replay(
    @Param('deliveryId') id: string,
    @CurrentUser() user: SessionUser,
    @Req() request: FastifyRequest,
  ): Promise<WebhookDelivery> {
    if (!UUID_PATTERN.test(id)) throw AppException.notFound('Webhook delivery not found');
    const ua = request.headers['user-agent'];
    return this.deliveries.replay(id, {
      userId: user.userId,
      ip: request.ip ?? null,
      userAgent: typeof ua === 'string' ? ua : null,
      requestId: String(request.id),
    });
  }
}
