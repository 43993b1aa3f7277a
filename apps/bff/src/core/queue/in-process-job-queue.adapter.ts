import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_JOB_CONCURRENCY, JobQueue, resolveJobOptions, type JobHandler, type JobOptions, type ResolvedJobOptions } from './job-queue.port';

interface Pending {
  name: string;
  data: unknown;
  attempt: number;
  options: ResolvedJobOptions;
}

/**
 * {@link JobQueue} inside this process: jobs run on the event loop with per-name concurrency and exponential
 * backoff. Jobs are lost if the process stops; callers that must not lose work keep their own record (webhook
 * deliveries are rows in PostgreSQL, picked up again at start-up).
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, { handler: JobHandler<unknown>; concurrency: number; running: number }>();
  private readonly waiting = new Map<string, Pending[]>();
  private readonly activeIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  process<T>(name: string, handler: JobHandler<T>, concurrency = DEFAULT_JOB_CONCURRENCY): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    this.handlers.set(name, { handler: handler as JobHandler<unknown>, concurrency, running: 0 });
    this.drain(name);
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) throw new Error('job queue is closed');
    if (options.jobId !== undefined) {
      if (this.activeIds.has(options.jobId)) return;
      this.activeIds.add(options.jobId);
    }
    this.push({ name, data, attempt: 1, options: resolveJobOptions(options) });
  }

  private push(job: Pending): void {
    const queue = this.waiting.get(job.name) ?? [];
    queue.push(job);
    this.waiting.set(job.name, queue);
    this.drain(job.name);
  }

  private drain(name: string): void {
    const entry = this.handlers.get(name);
    const queue = this.waiting.get(name);
    if (!entry || !queue) return;
    while (entry.running < entry.concurrency && queue.length > 0 && !this.closed) {
      const job = queue.shift() as Pending;
      entry.running += 1;
      setImmediate(() => void this.run(job, entry.handler).finally(() => {
        entry.running -= 1;
        this.drain(name);
      }));
    }
  }

  private async run(job: Pending, handler: JobHandler<unknown>): Promise<void> {
    try {
      await handler(job.data, job.attempt);
      if (job.options.jobId !== undefined) this.activeIds.delete(job.options.jobId);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (job.attempt >= job.options.attempts || this.closed) {
        if (job.options.jobId !== undefined) this.activeIds.delete(job.options.jobId);
        this.logger.error({ job: job.name, jobId: job.options.jobId, attempts: job.attempt, reason }, 'job failed on its last attempt');
        return;
      }
      const delay = job.options.backoffMs * 2 ** (job.attempt - 1);
      this.logger.warn({ job: job.name, jobId: job.options.jobId, attempt: job.attempt, retryInMs: delay, reason }, 'job failed; retrying');
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.push({ ...job, attempt: job.attempt + 1 });
      }, delay);
      this.timers.add(timer);
    }
  }

  onApplicationShutdown(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
