import { authWorld, META } from '../../../test/fakes/auth-world';
import { statusOf } from '../../../test/fakes/rejection';
import { describeDevice } from './sessions.service';

function world() {
  const w = authWorld();
  const ada = w.repository.addUser({ email: 'ada@acme.example', passwordHash: 'x' });
  const bob = w.repository.addUser({ email: 'bob@acme.example', passwordHash: 'x' });
  /** Starts a session of `userId` at the fake clock's time, ending in `ttlMs`. */
  const start = async (
    userId: string,
    id: string,
    ttlMs = 86_400_000,
    userAgent: string | null = META.userAgent,
  ) => {
    await w.repository.createSession({
      sessionId: id,
      userId,
      tokenHash: `hash-${id}`,
      expiresAt: new Date(w.clock.nowMs() + ttlMs),
      userAgent,
      ip: '203.0.113.7',
    });
    return id;
  };
  return { ...w, ada, bob, start };
}

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const OTHER = '00000000-0000-4000-8000-0000000000ff';

describe('SessionsService', () => {
  it('lists live sessions, most recently seen first, marking the current one', async () => {
    const w = world();
    await w.start(w.ada.id, A);
    w.clock.advance(60_000);
    await w.start(w.ada.id, B, 1_000);
    await w.start(w.ada.id, C, 86_400_000, null);
    await w.start(w.bob.id, OTHER);
    w.clock.advance(1_000);
    const list = await w.sessions.list({ userId: w.ada.id, email: 'ada@acme.example', sessionId: A });
    expect(list.map((s) => [s.id, s.current, s.device])).toEqual([
      [C, false, 'Unknown device'],
      [A, true, 'Chrome 142 on Linux'],
    ]);
  });

  it("revokes one of the user's own sessions, never another user's", async () => {
    const w = world();
    await w.start(w.ada.id, A);
    await w.start(w.bob.id, OTHER);
    const ada = { userId: w.ada.id, email: 'ada@acme.example', sessionId: A };
    expect(await statusOf(w.sessions.revoke(ada, OTHER, META))).toBe(404);
    expect(w.repository.sessions.get(OTHER)?.revokedAt).toBeNull();
    await w.sessions.revoke(ada, A, META);
    expect(w.repository.sessions.get(A)?.revokedAt).toEqual(w.clock.now());
    expect([...w.revocations.revoked]).toEqual([A]);
    expect(w.audit.records).toEqual([
      expect.objectContaining({
        action: 'auth.session_revoked',
        target: `session:${A}`,
        metadata: { reason: 'revoked' },
      }),
    ]);
  });

  it('revokes every other session and keeps the current one', async () => {
    const w = world();
    for (const id of [A, B, C]) await w.start(w.ada.id, id);
    const count = await w.sessions.revokeOthers(
      { userId: w.ada.id, email: 'ada@acme.example', sessionId: B },
      META,
    );
    expect(count).toBe(2);
    expect([...w.revocations.revoked].sort()).toEqual([A, C]);
    expect(w.repository.sessions.get(B)?.revokedAt).toBeNull();
    expect(
      w.repository.tokens
        .filter((t) => t.revokedAt !== null)
        .map((t) => t.familyId)
        .sort(),
    ).toEqual([A, C]);
  });

  it('revokes all sessions of a user (password reset) and audits each with the reason', async () => {
    const w = world();
    for (const id of [A, B]) await w.start(w.ada.id, id);
    await expect(w.sessions.revokeAll(w.ada.id, META, 'password_reset')).resolves.toBe(2);
    expect(w.audit.records.map((r) => r.metadata?.reason)).toEqual(['password_reset', 'password_reset']);
    await expect(w.sessions.revokeAll(w.ada.id, META, 'password_reset')).resolves.toBe(0);
  });

  it('describes devices from the user agent', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari 17 on macOS');
    expect(describeDevice(null)).toBe('Unknown device');
  });
});
