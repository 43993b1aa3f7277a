import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { DEFAULT_JOB_CONCURRENCY, JobQueue, resolveJobOptions, type JobHandler, type JobOptions } from './job-queue.port';

/** Prefix of Portico's BullMQ keys in Redis. */
export const BULLMQ_PREFIX = 'portico';

/**
 * {@link JobQueue} on BullMQ (Redis at `REDIS_URL`): one BullMQ queue per job name, exponential backoff, finished
 * jobs trimmed. Any BFF instance's worker may run a job; a job survives a restart of the instance that added it.
 */
@Injectable()
export class BullMqJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private connection: Redis | undefined;

  constructor(@Inject(ENV) private readonly env: Env) {
    super();
  }

  /** One connection for the producers; workers duplicate it for their blocking commands. */
  private redis(): Redis {
    if (!this.env.REDIS_URL) throw new Error('REDIS_URL is not set');
    this.connection ??= new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: null, connectionName: 'portico-bff-queue' });
    return this.connection;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis(), prefix: BULLMQ_PREFIX });
      queue.on('error', (err: Error) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  process<T>(name: string, handler: JobHandler<T>, concurrency = DEFAULT_JOB_CONCURRENCY): void {
    const worker = new Worker<T>(name, async (job: Job<T>) => handler(job.data, job.attemptsMade + 1), {
      connection: this.redis(),
      prefix: BULLMQ_PREFIX,
      concurrency,
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const last = job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger[last ? 'error' : 'warn'](
        { job: name, jobId: job.id, attempt: job.attemptsMade, reason: err.message },
        last ? 'job failed on its last attempt' : 'job failed; retrying',
      );
    });
    worker.on('error', (err: Error) => this.logger.warn(`worker ${name}: ${err.message}`));
    this.workers.push(worker);
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    const { jobId, attempts, backoffMs } = resolveJobOptions(options);
    await this.queue(name).add(name, data, {
      jobId,
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
