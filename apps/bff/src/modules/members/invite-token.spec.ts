import { inviteTokenSchema } from '@portico/domain';
import { mintInviteToken, parseInviteToken, verifyInviteSecret } from './invite-token';
import { inviteMail } from './invite.mail';

describe('invite tokens', () => {
  const inviteId = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('carries the invite id and a 32-byte secret, stored only as an argon2id hash', async () => {
    const minted = await mintInviteToken(inviteId);
    expect(inviteTokenSchema.safeParse(minted.token).success).toBe(true);
    const { inviteId: id, secret } = parseInviteToken(minted.token);
    expect(id).toBe(inviteId);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(minted.hash).toMatch(/^\$argon2id\$/);
    expect(minted.hash).not.toContain(secret);
    await expect(verifyInviteSecret(minted.hash, secret)).resolves.toBe(true);
    await expect(verifyInviteSecret(minted.hash, `${secret.slice(0, -1)}x`)).resolves.toBe(false);
  });

  it('mints a different secret every time', async () => {
    const [a, b] = await Promise.all([mintInviteToken(inviteId), mintInviteToken(inviteId)]);
    expect(a.token).not.toBe(b.token);
  });

  it('rejects malformed tokens before any lookup', () => {
    for (const bad of [
      '',
      'abc',
      `${inviteId}.short`,
      `not-a-uuid.${'a'.repeat(43)}`,
      `${inviteId}.${'a'.repeat(42)}!`,
    ]) {
      expect(inviteTokenSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('invite mail', () => {
  it('names the inviter, account and role, carries the link in text and HTML, and escapes HTML', () => {
    const mail = inviteMail({
      accountName: 'Acme <Hosting>',
      invitedBy: 'Alice',
      role: 'technical',
      link: 'http://localhost:3000/invite/x.y',
      expiresAt: new Date('2026-11-28T10:00:00Z'),
    });
    expect(mail.subject).toBe('Alice invited you to Acme <Hosting> on Portico');
    expect(mail.text).toContain('as Technical');
    expect(mail.text).toContain('http://localhost:3000/invite/x.y');
    expect(mail.html).toContain('Acme &lt;Hosting&gt;');
    expect(mail.html).toContain('href="http://localhost:3000/invite/x.y"');
  });
});
