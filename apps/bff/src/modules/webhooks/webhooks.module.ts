import { DbContext } from '../../core/prisma/db-context';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { WhmcsModule } from '../../integrations/whmcs/whmcs.module';
import { MeStatusModule } from '../me-status/me-status.module';
import { registerWebhookRawBodyHook } from './webhook-raw-body.hook';
import { JobQueue } from '../../core/queue/job-queue.port';
import { WEBHOOK_DELIVERY_JOB, WebhookProcessor, type WebhookDeliveryJob } from './webhook-processor.service';
import { WebhookRecoveryService } from './webhook-recovery.service';
import { WebhookSignatureService } from './webhook-signature.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** `POST /webhooks/{whmcs,salesforce}` and their processing. */
@Module({
  imports: [WhmcsModule, MeStatusModule],
  controllers: [WebhooksController],
  providers: [WebhookSignatureService, WebhooksRepository, WebhooksService, WebhookProcessor, WebhookRecoveryService],
})
export class WebhooksModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queue: JobQueue,
    private readonly processor: WebhookProcessor,
  ) {}

  /**
   * Keeps the raw body of `/webhooks/*` requests (Fastify) for signature verification, and starts the worker of
   * recorded deliveries.
   */
  onModuleInit(): void {
    this.queue.process<WebhookDeliveryJob>(WEBHOOK_DELIVERY_JOB, (job) => DbContext.runAsSystem('webhook-worker', () => this.processor.process(job.id)));
    const adapter = this.adapterHost.httpAdapter;
    if (adapter === undefined || adapter === null) return;
    registerWebhookRawBodyHook(adapter.getInstance<FastifyInstance>());
  }
}
