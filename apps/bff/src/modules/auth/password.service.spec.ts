import { createHash } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { authWorld, META } from '../../../test/fakes/auth-world';
import { rejection } from '../../../test/fakes/rejection';
import { passwordIssues } from './password.service';

const OLD = 'correct horse battery staple';
const NEW = 'purple otter juggles seven lanterns';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

async function world(overrides: Record<string, string> = {}) {
  const w = authWorld({
    PORTAL_ORIGIN: 'https://portal.acme.example/',
    PASSWORD_RESET_TTL_SECONDS: '900',
    ...overrides,
  });
  const user = w.repository.addUser({ email: 'ada@acme.example', passwordHash: await hashPassword(OLD) });
  for (const id of [A, B]) {
    await w.repository.createSession({
      sessionId: id,
      userId: user.id,
      tokenHash: `h-${id}`,
      expiresAt: new Date(w.clock.nowMs() + 86_400_000),
      userAgent: null,
      ip: null,
    });
  }
  return { ...w, user, session: { userId: user.id, email: user.email, sessionId: A } };
}

/** The reset token of the last email sent (after `#token=`). */
function tokenOfLastMail(mail: { sent: Array<{ text: string }> }): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(mail.sent.at(-1)?.text ?? '');
  if (!match?.[1]) throw new Error('no reset link in the email');
  return match[1];
}

/** Lets the reset email, sent in the background, reach the fake mail port. */
const mailSettled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PasswordService', () => {
  it('changes the password with the current one, then ends every other session', async () => {
    const w = await world();
    await w.password.change(w.session, OLD, NEW, META);
    const stored = w.repository.users.get(w.user.id);
    await expect(verifyPassword(stored!.passwordHash, NEW)).resolves.toBe(true);
    expect(stored?.passwordChangedAt).toEqual(w.clock.now());
    expect([...w.revocations.revoked]).toEqual([B]);
    expect(w.audit.actions()).toEqual(['auth.password_changed', 'auth.session_revoked']);
  });

  it('refuses a wrong current password and a new one breaking the policy, changing nothing', async () => {
    const w = await world();
    expect(await rejection(w.password.change(w.session, 'wrong', NEW, META))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    expect(await rejection(w.password.change(w.session, OLD, 'password123', META))).toMatchObject({
      status: 400,
    });
    await expect(verifyPassword(w.repository.users.get(w.user.id)!.passwordHash, OLD)).resolves.toBe(true);
    expect(w.revocations.revoked.size).toBe(0);
  });

  it("rejects common passwords and ones containing the email's local part", () => {
    expect(passwordIssues('correcthorsebatterystaple', null)).toEqual([]);
    expect(passwordIssues('Password-1234', null)).toContain('This password is too common: choose another');
    expect(passwordIssues('ada-loves-long-passphrases', 'ada@acme.example').length).toBeGreaterThan(0);
  });

  it("emails a reset link valid PASSWORD_RESET_TTL_SECONDS, storing only the token's sha256", async () => {
    const w = await world();
    await w.password.requestReset(' ADA@acme.example ', META);
    await mailSettled();
    expect(w.mail.sent.map((m) => m.to)).toEqual(['ada@acme.example']);
    expect(w.mail.sent[0]?.text).toContain('https://portal.acme.example/reset-password#token=');
    expect(w.mail.sent[0]?.text).toContain('within 15 minutes');
    const token = tokenOfLastMail(w.mail);
    expect(w.repository.resetTokens).toEqual([
      {
        userId: w.user.id,
        tokenHash: createHash('sha256').update(token).digest('hex'),
        expiresAt: new Date(w.clock.nowMs() + 900_000),
        usedAt: null,
      },
    ]);
  });

  it('writes the reset email in the language the user saved', async () => {
    const w = await world();
    w.repository.users.get(w.user.id)!.locale = 'de';
    await w.password.requestReset('ada@acme.example', META);
    await mailSettled();
    const mail = w.mail.sent[0];
    expect(mail?.subject).toBe('Setzen Sie Ihr Portico-Passwort zurück');
    expect(mail?.text).toContain(
      'innerhalb von 15 Minuten:\nhttps://portal.acme.example/reset-password#token=',
    );
    expect(mail?.html).toContain('>Neues Passwort wählen</a>');
    expect(tokenOfLastMail(w.mail)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('answers the same for an unknown email, sending nothing and auditing it masked', async () => {
    const w = await world();
    await expect(w.password.requestReset('nobody@acme.example', META)).resolves.toBeUndefined();
    await mailSettled();
    expect(w.mail.sent).toEqual([]);
    expect(w.audit.records).toEqual([
      expect.objectContaining({
        action: 'auth.password_reset_requested',
        metadata: { email: 'n***@acme.example', known: false },
      }),
    ]);
  });

  it("resets once with the link, spends the user's other links and ends every session", async () => {
    const w = await world();
    await w.password.requestReset('ada@acme.example', META);
    await w.password.requestReset('ada@acme.example', META);
    await mailSettled();
    const [older, newer] = [tokenOfLastMail({ sent: [w.mail.sent[0]!] }), tokenOfLastMail(w.mail)];
    await w.password.reset(newer, NEW, META);
    await expect(verifyPassword(w.repository.users.get(w.user.id)!.passwordHash, NEW)).resolves.toBe(true);
    expect([...w.revocations.revoked].sort()).toEqual([A, B]);
    expect(await rejection(w.password.reset(newer, 'another fine long passphrase', META))).toMatchObject({
      status: 400,
    });
    expect(await rejection(w.password.reset(older, 'another fine long passphrase', META))).toMatchObject({
      status: 400,
    });
  });

  it('refuses an expired link', async () => {
    const w = await world();
    await w.password.requestReset('ada@acme.example', META);
    await mailSettled();
    w.clock.advance(900_000);
    expect(await rejection(w.password.reset(tokenOfLastMail(w.mail), NEW, META))).toMatchObject({
      status: 400,
      message: 'This reset link is invalid, used or expired: ask for a new one',
    });
  });

  it('keeps the answer the same when the mail server fails (the email goes out in the background)', async () => {
    const w = await world();
    w.mail.failWith = new Error('smtp down');
    await expect(w.password.requestReset('ada@acme.example', META)).resolves.toBeUndefined();
    await mailSettled();
    expect(w.repository.resetTokens).toHaveLength(1);
  });
});
