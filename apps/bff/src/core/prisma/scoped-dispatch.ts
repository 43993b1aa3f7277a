/**
 * Prisma's request dispatcher batches two kinds of requests on `process.nextTick`: identical `findUnique` calls made
 * in the same tick (merged into one query, even from different callers) and the requests of an array-form
 * `$transaction([...])`. One tick callback dispatches every batch of the tick, in the async context of whoever
 * scheduled it first, so a {@link ScopedPool} checkout made there would read another request's DbContext scope (a
 * findUnique of account B answered under account A's scope: the row-level-security test proves it). This patch keeps
 * every request in its own caller's async context: requests outside a transaction and inside an interactive
 * transaction (whose connection is already stamped) go straight to Prisma's single loader; the requests of one
 * array-form transaction, which all come from one caller, are dispatched by a tick scheduled by that caller.
 *
 * It relies on Prisma internals (`_requestHandler.dataloader.options.{singleLoader,batchLoader,batchOrder}`,
 * `@prisma/client` 7.x); {@link installScopedDispatch} throws at start-up when they are missing, never silently.
 */

interface EngineRequest {
  transaction?: { kind: 'itx' | 'batch'; id?: string | number } | undefined;
}

interface LoaderOptions {
  singleLoader(request: EngineRequest): Promise<unknown>;
  batchLoader(requests: EngineRequest[]): Promise<unknown>;
  batchOrder(a: EngineRequest, b: EngineRequest): number;
}

interface DataLoaderLike {
  options: LoaderOptions;
  request(request: EngineRequest): Promise<unknown>;
}

interface Pending {
  request: EngineRequest;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

function settle(pending: Pending, value: unknown): void {
  if (value instanceof Error) pending.reject(value);
  else pending.resolve(value);
}

function dispatch(options: LoaderOptions, batch: Pending[]): void {
  if (batch.length === 1) {
    const [only] = batch as [Pending];
    options.singleLoader(only.request).then(
      (value) => settle(only, value),
      (err: unknown) => only.reject(err),
    );
    return;
  }
  batch.sort((x, y) => options.batchOrder(x.request, y.request));
  options.batchLoader(batch.map((p) => p.request)).then(
    (results) => {
      if (results instanceof Error || !Array.isArray(results)) {
        for (const p of batch) p.reject(results);
        return;
      }
      batch.forEach((p, i) => settle(p, results[i]));
    },
    (err: unknown) => {
      for (const p of batch) p.reject(err);
    },
  );
}

/**
 * Replaces the request dispatch of a Prisma client (see the module comment).
 * @throws Error when the client's internals do not have the expected shape (a Prisma upgrade changed them)
 */
export function installScopedDispatch(client: object): void {
  const loader = (client as { _requestHandler?: { dataloader?: Partial<DataLoaderLike> } })._requestHandler
    ?.dataloader;
  const options = loader?.options;
  if (
    !loader ||
    typeof options?.singleLoader !== 'function' ||
    typeof options.batchLoader !== 'function' ||
    typeof options.batchOrder !== 'function'
  ) {
    throw new Error(
      'Prisma client internals changed: cannot keep database scopes per caller (see core/prisma/scoped-dispatch.ts)',
    );
  }
  const batches = new Map<string, Pending[]>();
  loader.request = (request: EngineRequest): Promise<unknown> => {
    const tx = request.transaction;
    if (tx?.kind !== 'batch') return options.singleLoader(request);
    const key = String(tx.id);
    return new Promise((resolve, reject) => {
      let batch = batches.get(key);
      if (!batch) {
        batch = [];
        batches.set(key, batch);
        // Scheduled by the transaction's own caller: its async context (DbContext scope) is the dispatch's.
        process.nextTick(() => {
          const ready = batches.get(key) ?? [];
          batches.delete(key);
          dispatch(options, ready);
        });
      }
      batch.push({ request, resolve, reject });
    });
  };
}
