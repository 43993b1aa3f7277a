import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who the database work of the current async call chain runs for. Row-level security policies read it (through
 * per-transaction settings) to decide which account-scoped rows are visible.
 * - `account`: a request scoped to one account (set after the membership check); only that account's rows.
 * - `user`: a signed-in request not (yet) scoped to an account; the user's own rows (memberships, sessions).
 * - `system`: work that is not done on behalf of one user or account (webhook workers, scheduled jobs, start-up
 *   recovery, the CLI, token lookups before a session exists). Every entry point of that kind must say so
 *   explicitly with {@link DbContext.runAsSystem}; code that sets no context sees no account-scoped rows.
 */
export type DbScope =
  | { kind: 'account'; accountId: string; userId?: string }
  | { kind: 'user'; userId: string }
  | { kind: 'system'; reason: string };

const storage = new AsyncLocalStorage<DbScope>();

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` in `scope`. A lazy thenable it returns (a Prisma query: it starts on its first `then`) is started here,
 * inside the scope, and handed back as a Promise: awaited by the caller, outside the scope, it would run unscoped.
 */
function runIn<T>(scope: DbScope, fn: () => PromiseLike<T>): Promise<T>;
function runIn<T>(scope: DbScope, fn: () => T): T;
function runIn(scope: DbScope, fn: () => unknown): unknown {
  return storage.run(scope, () => {
    const result = fn();
    if (result instanceof Promise || !isPromiseLike(result)) return result;
    return new Promise((resolve, reject) => {
      result.then(resolve, reject);
    });
  });
}

/** Runs `fn` with only `accountId`'s rows visible (and the user's, when given). */
function runWithAccount<T>(accountId: string, fn: () => PromiseLike<T>, userId?: string): Promise<T>;
function runWithAccount<T>(accountId: string, fn: () => T, userId?: string): T;
function runWithAccount(accountId: string, fn: () => unknown, userId?: string): unknown {
  return runIn(userId ? { kind: 'account', accountId, userId } : { kind: 'account', accountId }, fn);
}

/** Runs `fn` on behalf of a signed-in user, outside any one account. */
function runAsUser<T>(userId: string, fn: () => PromiseLike<T>): Promise<T>;
function runAsUser<T>(userId: string, fn: () => T): T;
function runAsUser(userId: string, fn: () => unknown): unknown {
  return runIn({ kind: 'user', userId }, fn);
}

/**
 * Runs `fn` with every row visible. Only for work done on no one's behalf; `reason` names it in logs
 * (e.g. `webhook-worker`, `reconciliation`, `login`).
 */
function runAsSystem<T>(reason: string, fn: () => PromiseLike<T>): Promise<T>;
function runAsSystem<T>(reason: string, fn: () => T): T;
function runAsSystem(reason: string, fn: () => unknown): unknown {
  return runIn({ kind: 'system', reason }, fn);
}

/**
 * The database scope of the current async call chain (see {@link DbScope}). The `run*` forms return what `fn`
 * returns; when that is a thenable (a Prisma query, an async function's promise) they return a Promise that was
 * started inside the scope, so `DbContext.runAsSystem('x', () => prisma.model.op())` is scoped however it is awaited.
 */
export const DbContext = {
  /** The scope in force, or undefined outside any. */
  current(): DbScope | undefined {
    return storage.getStore();
  },

  runWithAccount,
  runAsUser,
  runAsSystem,
  /** Runs `fn` in `scope` (any kind); see {@link DbContext}. */
  run: runIn,

  /**
   * Sets the scope for the rest of the current synchronous execution and the async work it starts. It does not
   * reach back into an awaiting caller: a scope entered inside an async guard is gone when the guard returns. HTTP
   * handlers get their scope from DbScopeInterceptor (from `request.account` / `request.user` / `@SystemScope`);
   * guards wrap their own queries with the `run*` forms.
   */
  enter(scope: DbScope): void {
    storage.enterWith(scope);
  },
} as const;
