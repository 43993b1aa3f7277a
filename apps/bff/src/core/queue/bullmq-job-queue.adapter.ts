import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { BullMQOtel } from 'bullmq-otel';
import { Redis } from 'ioredis';
import { ENV } from '../config/config.module';
import { tracingEnabled } from '../telemetry/telemetry';
import type { Env } from '../config/env';
import {
  asError,
  JobQueue,
  PermanentJobError,
  resolveJobOptions,
  resolveWorkerOptions,
  type JobHandler,
  type JobOptions,
  type WorkerOptions,
} from './job-queue.port';

/** Prefix of Portico's BullMQ keys in Redis. */
export const BULLMQ_PREFIX = 'portico';

/** Finished jobs kept in Redis (for inspection and de-duplication by job id). */
const KEEP_COMPLETED = { count: 1000 };
const KEEP_FAILED = { count: 5000 };

/**
 * {@link JobQueue} on BullMQ (Redis at `REDIS_URL`): one BullMQ queue per job name, exponential backoff, finished
 * jobs trimmed. Any BFF instance's worker may run a job; a job survives a restart (or a `kill -9`) of the instance
 * that added or was running it: BullMQ's stalled-job check hands a job whose worker died back to the queue once its
 * lock expires. A job whose attempts run out (or that throws {@link PermanentJobError}) goes to the name's
 * dead-letter handler before BullMQ moves it to its failed set. Scheduled jobs are BullMQ job schedulers.
 */
@Injectable()
export class BullMqJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private connection: Redis | undefined;
  /** With tracing on, jobs carry the trace context of whoever added them, and their runs are spans of that trace. */
  private readonly telemetry = tracingEnabled()
    ? { telemetry: new BullMQOtel({ tracerName: 'portico' }) }
    : {};

  constructor(@Inject(ENV) private readonly env: Env) {
    super();
  }

  /** One connection for the producers; workers duplicate it for their blocking commands. */
  private redis(): Redis {
    if (!this.env.REDIS_URL) throw new Error('REDIS_URL is not set');
    this.connection ??= new Redis(this.env.REDIS_URL, {
      maxRetriesPerRequest: null,
      connectionName: 'portico-bff-queue',
    });
    return this.connection;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis(), prefix: BULLMQ_PREFIX, ...this.telemetry });
      queue.on('error', (err: Error) => this.logger.warn(`queue ${name}: ${err.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  process<T>(name: string, handler: JobHandler<T>, options?: number | WorkerOptions<T>): void {
    const { concurrency, onDeadLetter } = resolveWorkerOptions(options);
    const deadLetter = async (job: Job<T>, error: Error, attempts: number): Promise<void> => {
      if (!onDeadLetter) return;
      try {
        await onDeadLetter(job.data, error, attempts);
      } catch (err) {
        this.logger.error(
          { job: name, jobId: job.id, reason: asError(err).message },
          'dead-letter handler failed',
        );
      }
    };
    const worker = new Worker<T>(
      name,
      async (job: Job<T>) => {
        const attempt = job.attemptsMade + 1;
        try {
          await handler(job.data, attempt);
        } catch (err) {
          const error = asError(err);
          const permanent = error instanceof PermanentJobError;
          // Recorded before BullMQ marks the job failed, so a crash cannot leave a spent job without its dead letter.
          if (permanent || attempt >= (job.opts.attempts ?? 1)) await deadLetter(job, error, attempt);
          throw permanent ? new UnrecoverableError(error.message) : error;
        }
      },
      {
        connection: this.redis(),
        prefix: BULLMQ_PREFIX,
        concurrency,
        lockDuration: this.env.JOB_LOCK_DURATION_MS,
        stalledInterval: this.env.JOB_LOCK_DURATION_MS,
        // A job may be handed back twice (two crashes) before it counts as failed.
        maxStalledCount: 2,
        ...this.telemetry,
      },
    );
    worker.on('failed', (job, err) => {
      if (!job) return;
      const last = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      this.logger[last ? 'error' : 'warn'](
        { job: name, jobId: job.id, attempt: job.attemptsMade, reason: err.message },
        last ? 'job dead-lettered' : 'job failed; retrying',
      );
      // A job that stalled too often fails without running the handler above: dead-letter it here.
      if (last && /stalled/i.test(err.message)) void deadLetter(job, err, job.attemptsMade);
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
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  async forget(name: string, jobId: string): Promise<void> {
    const job = await this.queue(name).getJob(jobId);
    if (job === undefined) return;
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') await job.remove();
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    if (everyMs <= 0) {
      await this.queue(name).removeJobScheduler(name);
      return;
    }
    await this.queue(name).upsertJobScheduler(
      name,
      { every: everyMs },
      { name, data: {}, opts: { attempts: 1, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED } },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
