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

/** Runs one job; a thrown error makes the job retry until its attempts run out. */
export type JobHandler<T> = (data: T, attempt: number) => Promise<void>;

/** A named queue of jobs with one handler per name. */
export abstract class JobQueue {
  /**
   * Registers the handler of the jobs named `name` and starts working them (call once per name, at start-up).
   * @param concurrency jobs of this name run at once in this process (default 4)
   */
  abstract process<T>(name: string, handler: JobHandler<T>, concurrency?: number): void;

  /** Adds a job; resolves once the job is stored (Redis) or accepted (in-process). */
  abstract enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void>;
}

/** Jobs of one name run at once in one process unless {@link JobQueue.process} says otherwise. */
export const DEFAULT_JOB_CONCURRENCY = 4;

/** {@link JobOptions} with the retry defaults filled in. */
export type ResolvedJobOptions = Required<Pick<JobOptions, 'attempts' | 'backoffMs'>> & Pick<JobOptions, 'jobId'>;

/** Fills in the defaults of {@link JobOptions} (5 attempts, 1000 ms first backoff) for an adapter. */
export function resolveJobOptions(options: JobOptions): ResolvedJobOptions {
  return { attempts: options.attempts ?? 5, backoffMs: options.backoffMs ?? 1000, jobId: options.jobId };
}
