import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  asError,
  JobQueue,
  PermanentJobError,
  resolveJobOptions,
  resolveWorkerOptions,
  type DeadLetterHandler,
  type JobHandler,
  type JobOptions,
  type ResolvedJobOptions,
  type WorkerOptions,
} from './job-queue.port';

interface Pending {
  name: string;
  data: unknown;
  attempt: number;
  options: ResolvedJobOptions;
}

interface Entry {
  handler: JobHandler<unknown>;
  onDeadLetter?: DeadLetterHandler<unknown>;
  concurrency: number;
  running: number;
}

/**
 * {@link JobQueue} inside this process: jobs run on the event loop with per-name concurrency and exponential
 * backoff; a job whose attempts run out is handed to the name's dead-letter handler. Jobs are lost if the process
 * stops; callers that must not lose work keep their own record (webhook deliveries are rows in PostgreSQL, picked
 * up again at start-up). Scheduled jobs run on an interval timer of this process.
 */
@Injectable()
export class InProcessJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, Entry>();
  private readonly waiting = new Map<string, Pending[]>();
  private readonly activeIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly schedules = new Map<string, NodeJS.Timeout>();
  private closed = false;

  process<T>(name: string, handler: JobHandler<T>, options?: number | WorkerOptions<T>): void {
    if (this.handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
    const { concurrency, onDeadLetter } = resolveWorkerOptions(options);
    this.handlers.set(name, {
      handler: handler as JobHandler<unknown>,
      onDeadLetter: onDeadLetter as DeadLetterHandler<unknown> | undefined,
      concurrency,
      running: 0,
    });
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

  /** Nothing to do: this adapter forgets a job's id as soon as the job finishes. */
  async forget(_name: string, _jobId: string): Promise<void> {
    return undefined;
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    const previous = this.schedules.get(name);
    if (previous) clearInterval(previous);
    this.schedules.delete(name);
    if (everyMs <= 0) return;
    const timer = setInterval(() => {
      this.enqueue(name, {}, { jobId: `${name}-scheduled`, attempts: 1 }).catch((err: unknown) => {
        this.logger.warn({ job: name, reason: asError(err).message }, 'scheduled job not added');
      });
    }, everyMs);
    timer.unref();
    this.schedules.set(name, timer);
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
      setImmediate(
        () =>
          void this.run(job, entry).finally(() => {
            entry.running -= 1;
            this.drain(name);
          }),
      );
    }
  }

  private async run(job: Pending, entry: Entry): Promise<void> {
    try {
      await entry.handler(job.data, job.attempt);
      this.release(job);
    } catch (err) {
      const error = asError(err);
      const permanent = error instanceof PermanentJobError;
      if (job.attempt >= job.options.attempts || permanent) {
        this.logger.error(
          { job: job.name, jobId: job.options.jobId, attempts: job.attempt, reason: error.message },
          'job dead-lettered',
        );
        await this.deadLetter(job, entry, error);
        this.release(job);
        return;
      }
      if (this.closed) {
        this.release(job);
        return;
      }
      const delay = job.options.backoffMs * 2 ** (job.attempt - 1);
      this.logger.warn(
        {
          job: job.name,
          jobId: job.options.jobId,
          attempt: job.attempt,
          retryInMs: delay,
          reason: error.message,
        },
        'job failed; retrying',
      );
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.push({ ...job, attempt: job.attempt + 1 });
      }, delay);
      this.timers.add(timer);
    }
  }

  private async deadLetter(job: Pending, entry: Entry, error: Error): Promise<void> {
    if (!entry.onDeadLetter) return;
    try {
      await entry.onDeadLetter(job.data, error, job.attempt);
    } catch (err) {
      this.logger.error(
        { job: job.name, jobId: job.options.jobId, reason: asError(err).message },
        'dead-letter handler failed',
      );
    }
  }

  private release(job: Pending): void {
    if (job.options.jobId !== undefined) this.activeIds.delete(job.options.jobId);
  }

  onApplicationShutdown(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.schedules.values()) clearInterval(timer);
    this.schedules.clear();
  }
}
