import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { DbContext, type DbScope } from './db-context';

/**
 * One statement that sets the row-level-security settings of a connection (session level: they hold until the next
 * checkout overwrites them, which every checkout does).
 */
export const SET_SCOPE_SQL =
  "SELECT set_config('app.scope', $1, false), set_config('app.account_id', $2, false), set_config('app.user_id', $3, false)";

/** The `[app.scope, app.account_id, app.user_id]` values of a scope; no scope gives empty strings (sees nothing). */
export function scopeSettings(scope: DbScope | undefined): [string, string, string] {
  switch (scope?.kind) {
    case 'account':
      return ['account', scope.accountId, scope.userId ?? ''];
    case 'user':
      return ['user', '', scope.userId];
    case 'system':
      return ['system', '', ''];
    default:
      return ['', '', ''];
  }
}

type ConnectCallback = (
  err: Error | undefined,
  client?: PoolClient,
  done?: (release?: unknown) => void,
) => void;

/**
 * A node-postgres pool that stamps every checked-out connection with the caller's {@link DbContext} scope before
 * handing it out, for the row-level-security policies of the database (see the `row_level_security` migration).
 * Both of Prisma's paths go through `connect()`: single queries (`pool.query` checks a client out) and interactive or
 * batch transactions (`pool.connect`, then `BEGIN`). Cost: one extra round trip per checkout whose scope differs from
 * the one the connection last carried (none when it is the same, e.g. the webhook intake's and worker's system
 * scope), none per statement inside a transaction.
 *
 * The scope is read synchronously when `connect` is called, i.e. in the caller's async context, never in the
 * context of whichever request happens to release a connection to a waiting caller. Every checkout overwrites all
 * three settings, so nothing of a previous checkout's scope survives; if stamping fails the connection is discarded.
 */
export class ScopedPool extends Pool {
  constructor(config: PoolConfig) {
    super(config);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    const settings = scopeSettings(DbContext.current());
    const key = settings.join('\u0000');
    const stamped = super.connect().then(async (client) => {
      // A connection already stamped with this very scope keeps it (only this pool writes the settings, at session
      // level): no round trip. Any other scope is written before the connection is handed out.
      const holder = client as PoolClient & { porticoScope?: string };
      if (holder.porticoScope === key) return client;
      try {
        await client.query(SET_SCOPE_SQL, settings);
        holder.porticoScope = key;
      } catch (err) {
        holder.porticoScope = undefined;
        client.release(err instanceof Error ? err : true);
        throw err;
      }
      return client;
    });
    if (!callback) return stamped;
    stamped.then(
      (client) =>
        callback(undefined, client, (release?: unknown) =>
          client.release(release as Error | boolean | undefined),
        ),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }
}
