import { DbContext } from './db-context';

describe('DbContext', () => {
  it('has no scope outside a run', () => {
    expect(DbContext.current()).toBeUndefined();
  });

  it('keeps the scope across awaits and restores the outer one', async () => {
    await DbContext.runAsSystem('test', async () => {
      expect(DbContext.current()).toEqual({ kind: 'system', reason: 'test' });
      await DbContext.runWithAccount('a1', async () => {
        await new Promise((r) => setTimeout(r, 1));
        expect(DbContext.current()).toEqual({ kind: 'account', accountId: 'a1' });
      });
      expect(DbContext.current()).toEqual({ kind: 'system', reason: 'test' });
    });
    expect(DbContext.current()).toBeUndefined();
  });

  it('keeps concurrent chains apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        DbContext.runWithAccount(id, async () => {
          await new Promise((r) => setTimeout(r, id === 'a' ? 5 : 1));
          return DbContext.current();
        }, 'u1'),
      ),
    );
    expect(seen).toEqual([
      { kind: 'account', accountId: 'a', userId: 'u1' },
      { kind: 'account', accountId: 'b', userId: 'u1' },
    ]);
  });
});
