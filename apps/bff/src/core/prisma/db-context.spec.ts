import { DbContext, type DbScope } from './db-context';

describe('DbContext', () => {
  it('has no scope outside a run', () => {
    expect(DbContext.current()).toBeUndefined();
  });

  it('keeps the scope across awaits and restores the outer one', async () => {
    await DbContext.runAsSystem('test', async () => {
      expect(DbContext.current()).toEqual({ kind: 'system', reason: 'test' });
      await DbContext.runWithAccount('a1', async () => {
        await new Promise((r) => setImmediate(r));
        expect(DbContext.current()).toEqual({ kind: 'account', accountId: 'a1' });
      });
      expect(DbContext.current()).toEqual({ kind: 'system', reason: 'test' });
    });
    expect(DbContext.current()).toBeUndefined();
  });

  it('keeps concurrent chains apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        DbContext.runWithAccount(
          id,
          async () => {
            // 'a' resumes after 'b' (two turns of the event loop against one), so the chains interleave.
            for (let turn = 0; turn < (id === 'a' ? 2 : 1); turn += 1)
              await new Promise((r) => setImmediate(r));
            return DbContext.current();
          },
          'u1',
        ),
      ),
    );
    expect(seen).toEqual([
      { kind: 'account', accountId: 'a', userId: 'u1' },
      { kind: 'account', accountId: 'b', userId: 'u1' },
    ]);
  });
});

describe('DbContext with a lazy thenable', () => {
  /** Like a Prisma query: does nothing until its first `then`, and records the scope in force then. */
  const lazyQuery = () => {
    const seen: (DbScope | undefined)[] = [];
    const query: PromiseLike<string> = {
      then(onFulfilled, onRejected) {
        seen.push(DbContext.current());
        return Promise.resolve('rows').then(onFulfilled, onRejected);
      },
    };
    return { query, seen };
  };

  it('starts it inside the scope even when awaited outside', async () => {
    const system = lazyQuery();
    const account = lazyQuery();
    const user = lazyQuery();
    const pending = [
      DbContext.runAsSystem('test', () => system.query),
      DbContext.runWithAccount('a1', () => account.query, 'u1'),
      DbContext.runAsUser('u1', () => user.query),
    ];
    expect(await Promise.all(pending)).toEqual(['rows', 'rows', 'rows']);
    expect(system.seen).toEqual([{ kind: 'system', reason: 'test' }]);
    expect(account.seen).toEqual([{ kind: 'account', accountId: 'a1', userId: 'u1' }]);
    expect(user.seen).toEqual([{ kind: 'user', userId: 'u1' }]);
  });

  it('returns other values as they are', () => {
    expect(DbContext.runAsSystem('test', () => 42)).toBe(42);
    const promise = Promise.resolve(1);
    expect(DbContext.run({ kind: 'user', userId: 'u1' }, () => promise)).toBe(promise);
  });
});
