import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { AppException } from '../../core/http/app.exception';
import { OUTBOUND_MESSAGE_ACK } from './outbound-message.parser';
import type { RawBodyRequest } from './webhook-raw-body.hook';
import type { WebhookProvider } from './webhook-signature.service';
import { WebhooksService } from './webhooks.service';

/** Standard Webhooks headers of the signed JSON routes. */
function StandardWebhooksHeaders(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiHeader({ name: 'webhook-id', required: true })(target, key, descriptor);
    ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds' })(
      target,
      key,
      descriptor,
    );
    ApiHeader({ name: 'webhook-signature', required: true, description: '`v1,<base64 HMAC-SHA256>`' })(
      target,
      key,
      descriptor,
    );
  };
}

/** Signed webhooks from WHMCS and Salesforce (Standard Webhooks), and Salesforce Outbound Messages (SOAP). */
@ApiTags('webhooks')
@SystemScope('webhook-intake')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('whmcs')
  @HttpCode(204)
  @StandardWebhooksHeaders()
  @ApiOperation({ summary: 'WHMCS hook event' })
  @ApiResponse({ status: 204, description: 'accepted (or a duplicate delivery)' })
  @ApiResponse({ status: 401, description: 'bad signature or timestamp' })
  @ApiResponse({ status: 400, description: 'body does not match the webhook schema' })
  async whmcs(@Req() req: RawBodyRequest): Promise<void> {
    await this.accept('whmcs', req);
  }

  @Post('salesforce')
  @HttpCode(204)
  @StandardWebhooksHeaders()
  @ApiOperation({ summary: 'Salesforce record change' })
  @ApiResponse({ status: 204, description: 'accepted (or a duplicate delivery)' })
  @ApiResponse({ status: 401, description: 'bad signature or timestamp' })
  @ApiResponse({ status: 400, description: 'body does not match the webhook schema' })
  async salesforce(@Req() req: RawBodyRequest): Promise<void> {
    await this.accept('salesforce', req);
  }

  @Post('salesforce/outbound')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  @ApiConsumes('text/xml')
  @ApiProduces('text/xml')
  @ApiOperation({
    summary: 'Salesforce Outbound Message (SOAP notifications)',
    description:
      'Acknowledged (`<Ack>true</Ack>`) once every notification is recorded; redelivered notification ids are acknowledged and ignored.',
  })
  @ApiResponse({ status: 200, description: 'SOAP notificationsResponse with Ack true' })
  @ApiResponse({ status: 401, description: 'OrganizationId is not SALESFORCE_ORGANIZATION_ID' })
  @ApiResponse({
    status: 400,
    description: 'not XML, not an Outbound Message, or more than 100 notifications',
  })
  async salesforceOutbound(@Req() req: RawBodyRequest): Promise<string> {
    await this.webhooks.acceptOutboundMessage(req.rawBody ?? '');
    return OUTBOUND_MESSAGE_ACK;
  }

  private async accept(provider: WebhookProvider, req: RawBodyRequest): Promise<void> {
    const raw = req.rawBody;
    if (raw === undefined) {
      throw AppException.validation(
        [{ path: 'body', message: 'a JSON body is required' }],
        'Webhook body is missing',
      );
    }
    await this.webhooks.accept(provider, raw, req.headers);
  }
}
