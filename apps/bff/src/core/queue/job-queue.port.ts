/**
 * Background jobs. One port, two adapters chosen by configuration: BullMQ on Redis when `REDIS_URL` is set (jobs
 * survive a restart and any instance's worker may run them), else an in-process queue (one instance).
 */

/** How a job is retried. */
export interface JobOptions {
  /** Total attempts including the first (default 5). */
  attempts?: number;
  /** Delay before the first retry in ms, doubled at each further retry (default 1000). */
  backoffMs?: number;
  /** De-duplication key: a job with the id of a job still queued or running is not added twice. */
  jobId?: string;
}

/** Runs one job; a thrown error makes the job retry until its attempts run out. `attempt` counts from 1. */
export type JobHandler<T> = (data: T, attempt: number) => Promise<void>;

/**
 * Called once per job that will not be tried again: its last attempt failed, or it threw a
 * {@link PermanentJobError}. The adapter awaits it before giving the job up, so the caller can record a dead letter
 * durably; it must be idempotent (a crash between the two may call it again).
 * @param error the last attempt's error
 * @param attempts attempts made, including the last
 */
export type DeadLetterHandler<T> = (data: T, error: Error, attempts: number) => Promise<void>;

/** How the jobs of one name are worked. */
export interface WorkerOptions<T> {
  /** Jobs of this name run at once in this process (default {@link DEFAULT_JOB_CONCURRENCY}). */
  concurrency?: number;
  /** See {@link DeadLetterHandler}. */
  onDeadLetter?: DeadLetterHandler<T>;
}

/** Thrown by a handler for a failure that retrying cannot fix: the job is dead-lettered at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** A named queue of jobs with one handler per name. */
export abstract class JobQueue {
  /**
   * Registers the handler of the jobs named `name` and starts working them (call once per name, at start-up).
   * @param options worker options, or the concurrency alone (jobs of this name at once in this process, default 4)
   */
  abstract process<T>(name: string, handler: JobHandler<T>, options?: number | WorkerOptions<T>): void;

  /** Adds a job; resolves once the job is stored (Redis) or accepted (in-process). */
  abstract enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void>;

  /**
   * Forgets a finished (completed or failed) job so a job with the same `jobId` can be added again, e.g. to replay a
   * dead letter. A job still queued or running is left alone.
   */
  abstract forget(name: string, jobId: string): Promise<void>;

  /**
   * Runs a job named `name` (data `{}`, one attempt) every `everyMs` ms. With BullMQ this is a job scheduler
   * shared by every instance: one run per interval across all of them. In-process, an interval timer (a run is not
   * added while the previous one is still queued or running). Calling it again replaces the interval; `everyMs` 0
   * removes the schedule.
   */
  abstract schedule(name: string, everyMs: number): Promise<void>;
}

/** Jobs of one name run at once in one process unless {@link JobQueue.process} says otherwise. */
export const DEFAULT_JOB_CONCURRENCY = 4;

/** {@link JobOptions} with the retry defaults filled in. */
export type ResolvedJobOptions = Required<Pick<JobOptions, 'attempts' | 'backoffMs'>> &
  Pick<JobOptions, 'jobId'>;

/** Fills in the defaults of {@link JobOptions} (5 attempts, 1000 ms first backoff) for an adapter. */
export function resolveJobOptions(options: JobOptions): ResolvedJobOptions {
  return { attempts: options.attempts ?? 5, backoffMs: options.backoffMs ?? 1000, jobId: options.jobId };
}

/** {@link WorkerOptions} from the `options` argument of {@link JobQueue.process}. */
export function resolveWorkerOptions<T>(
  options: number | WorkerOptions<T> | undefined,
): Required<Pick<WorkerOptions<T>, 'concurrency'>> & WorkerOptions<T> {
  if (typeof options === 'number') return { concurrency: options };
  return { ...options, concurrency: options?.concurrency ?? DEFAULT_JOB_CONCURRENCY };
}

/** The error as an `Error`. */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
