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

/** The database scope of the current async call chain (see {@link DbScope}). */
export const DbContext = {
  /** The scope in force, or undefined outside any. */
  current(): DbScope | undefined {
    return storage.getStore();
  },

  /** Runs `fn` with only `accountId`'s rows visible (and the user's, when given). */
  runWithAccount<T>(accountId: string, fn: () => T, userId?: string): T {
    return storage.run(userId ? { kind: 'account', accountId, userId } : { kind: 'account', accountId }, fn);
  },

  /** Runs `fn` on behalf of a signed-in user, outside any one account. */
  runAsUser<T>(userId: string, fn: () => T): T {
    return storage.run({ kind: 'user', userId }, fn);
  },

  /**
   * Runs `fn` with every row visible. Only for work done on no one's behalf; `reason` names it in logs
   * (e.g. `webhook-worker`, `reconciliation`, `login`).
   */
  runAsSystem<T>(reason: string, fn: () => T): T {
    return storage.run({ kind: 'system', reason }, fn);
  },

  /** Runs `fn` in `scope` (any kind). */
  run<T>(scope: DbScope, fn: () => T): T {
    return storage.run(scope, fn);
  },

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
