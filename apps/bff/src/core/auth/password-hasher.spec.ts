import { hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('hashes with argon2id and OWASP parameters, salted per hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only, and treats a malformed hash as a mismatch', async () => {
    const stored = await hashPassword('correct horse battery staple');
    await expect(verifyPassword(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'Correct horse battery staple')).resolves.toBe(false);
    await expect(verifyPassword('not-a-phc-string', 'anything')).resolves.toBe(false);
  });
});
