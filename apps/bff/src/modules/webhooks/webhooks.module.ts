import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerWebhookRawBodyHook, registerXmlBodyParser } from './webhook-raw-body.hook';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { JobQueue } from '../../core/queue/job-queue.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import { DbContext } from '../../core/prisma/db-context';
import { WebhookDeliveriesAdminController } from './webhook-deliveries-admin.controller';
import { WebhookDeliveriesAdminService } from './webhook-deliveries-admin.service';
import {
  WEBHOOK_DELIVERY_JOB,
  WebhookDeliveryQueue,
  type WebhookDeliveryJob,
} from './webhook-delivery.queue';
import { WebhookProcessor } from './webhook-processor.service';
import { WebhookRecoveryService } from './webhook-recovery.service';
import { WebhookSignatureService } from './webhook-signature.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * `POST /webhooks/{whmcs,salesforce,salesforce/outbound}`, the worker processing recorded deliveries (retries with
 * backoff, dead letters), start-up recovery, and the platform-admin dead-letter routes.
 */
@Module({
  controllers: [WebhooksController, WebhookDeliveriesAdminController],
  providers: [
    WebhookSignatureService,
    WebhooksRepository,
    WebhooksService,
    WebhookDeliveryQueue,
    WebhookProcessor,
    WebhookRecoveryService,
    WebhookDeliveriesAdminService,
  ],
  exports: [WebhooksRepository],
})
export class WebhooksModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queue: JobQueue,
    private readonly processor: WebhookProcessor,
    @Inject(ENV) private readonly env: Env,
    private readonly metrics: MetricsService,
    private readonly repository: WebhooksRepository,
  ) {}

  /**
   * Keeps the raw body of `/webhooks/*` requests (Fastify) for signature verification, accepts XML bodies (Outbound
   * Messages), and starts the worker of recorded deliveries (its dead letters are recorded on the row).
   */
  onModuleInit(): void {
    this.metrics.readWebhookQueueWith(() =>
      DbContext.runAsSystem('metrics', () => this.repository.queueStats()),
    );
    // With JOB_WORKER=off the worker process (dist/worker.js) processes the queued deliveries.
    if (this.env.JOB_WORKER === 'inline') {
      this.queue.process<WebhookDeliveryJob>(WEBHOOK_DELIVERY_JOB, (job) => this.processor.process(job.id), {
        concurrency: this.env.WEBHOOK_WORKER_CONCURRENCY,
        onDeadLetter: (job, error, attempts) => this.processor.deadLetter(job.id, error, attempts),
      });
    }
    const adapter = this.adapterHost.httpAdapter;
    if (adapter === undefined || adapter === null) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    registerWebhookRawBodyHook(fastify);
    registerXmlBodyParser(fastify);
  }
}
