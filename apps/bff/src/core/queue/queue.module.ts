import { Global, Module } from '@nestjs/common';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { BullMqJobQueue } from './bullmq-job-queue.adapter';
import { InProcessJobQueue } from './in-process-job-queue.adapter';
import { JobQueue } from './job-queue.port';

/** Global module providing {@link JobQueue}: BullMQ when `REDIS_URL` is set, else in-process. */
@Global()
@Module({
  providers: [
    {
      provide: JobQueue,
      inject: [ENV],
      useFactory: (env: Env): JobQueue => (env.REDIS_URL ? new BullMqJobQueue(env) : new InProcessJobQueue()),
    },
  ],
  exports: [JobQueue],
})
export class QueueModule {}
