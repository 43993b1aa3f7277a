import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { AppException } from '../../core/http/app.exception';
import type { RawBodyRequest } from './webhook-raw-body.hook';
import type { WebhookProvider } from './webhook-signature.service';
import { WebhooksService } from './webhooks.service';


/** Signed webhooks from WHMCS and Salesforce (Standard Webhooks). */
@ApiTags('webhooks')
@SystemScope('webhook-intake')
@ApiHeader({ name: 'webhook-id', required: true })
@ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds' })
@ApiHeader({ name: 'webhook-signature', required: true, description: '`v1,<base64 HMAC-SHA256>`' })
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('whmcs')
  @HttpCode(204)
  @ApiOperation({ summary: 'WHMCS hook event' })
  @ApiResponse({ status: 204, description: 'accepted (or a duplicate delivery)' })
  @ApiResponse({ status: 401, description: 'bad signature or timestamp' })
  @ApiResponse({ status: 400, description: 'body does not match the webhook schema' })
  async whmcs(@Req() req: RawBodyRequest): Promise<void> {
    await this.accept('whmcs', req);
  }

  @Post('salesforce')
  @HttpCode(204)
  @ApiOperation({ summary: 'Salesforce record change' })
  @ApiResponse({ status: 204, description: 'accepted (or a duplicate delivery)' })
  @ApiResponse({ status: 401, description: 'bad signature or timestamp' })
  @ApiResponse({ status: 400, description: 'body does not match the webhook schema' })
  async salesforce(@Req() req: RawBodyRequest): Promise<void> {
    await this.accept('salesforce', req);
  }

  private async accept(provider: WebhookProvider, req: RawBodyRequest): Promise<void> {
    const raw = req.rawBody;
    if (raw === undefined) {
      throw AppException.validation([{ path: 'body', message: 'a JSON body is required' }], 'Webhook body is missing');
    }
    await this.webhooks.accept(provider, raw, req.headers);
  }
}
