import { generate } from 'otplib';
import { hashPassword } from '../../core/auth/password-hasher';
import { authWorld } from '../../../test/fakes/auth-world';
import { statusOf } from '../../../test/fakes/rejection';
import { generateRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './mfa.service';

/** The TOTP code of `secret` at the fake clock's time, `periods` 30 s steps away. */
const codeAt = (secret: string, ms: number, periods = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(ms / 1000) + 30 * periods });
const manualKey = (key: string): string => key.replace(/ /g, '');

describe('MfaService', () => {
  async function enrolled() {
    const w = authWorld();
    const user = w.repository.addUser({
      email: 'ada@acme.example',
      passwordHash: await hashPassword('correct horse battery staple'),
    });
    const enrolment = await w.mfa.startEnrolment(user.id);
    const secret = manualKey(enrolment.manualEntryKey);
    const codes = await w.mfa.confirmEnrolment(user.id, await codeAt(secret, w.clock.nowMs()));
    return { ...w, user, secret, codes };
  }

  it('enrols with a QR code, turns on with a first code and stores only hashes of ten recovery codes', async () => {
    const { repository, user, codes, access, clock, mfa } = await enrolled();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    const stored = repository.recoveryCodes.filter((c) => c.userId === user.id);
    expect(stored).toHaveLength(RECOVERY_CODE_COUNT);
    for (const c of stored) expect(codes.map(normalizeRecoveryCode)).not.toContain(c.codeHash);
    expect(repository.users.get(user.id)?.mfaEnabledAt).toEqual(clock.now());
    expect(access.invalidated).toEqual([`user:${user.id}`]);
    await expect(mfa.status(user.id)).resolves.toEqual({
      enabled: true,
      enabledAt: clock.now().toISOString(),
      recoveryCodesRemaining: 10,
    });
  });

  it('keeps the secret sealed at rest and shows a QR code data URL once', async () => {
    const w = authWorld();
    const user = w.repository.addUser({ email: 'ada@acme.example', passwordHash: 'x' });
    const enrolment = await w.mfa.startEnrolment(user.id);
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const pending = w.repository.users.get(user.id)?.mfaPendingSecret ?? '';
    expect(pending).not.toContain(manualKey(enrolment.manualEntryKey));
  });

  it('refuses a wrong first code, a confirmation without enrolment and a second enrolment', async () => {
    const w = authWorld();
    const user = w.repository.addUser({ email: 'ada@acme.example', passwordHash: 'x' });
    expect(await statusOf(w.mfa.confirmEnrolment(user.id, '123456'))).toBe(409);
    const enrolment = await w.mfa.startEnrolment(user.id);
    const secret = manualKey(enrolment.manualEntryKey);
    const wrong = String((Number(await codeAt(secret, w.clock.nowMs())) + 1) % 1_000_000).padStart(6, '0');
    expect(await statusOf(w.mfa.confirmEnrolment(user.id, wrong))).toBe(400);
    await w.mfa.confirmEnrolment(user.id, await codeAt(secret, w.clock.nowMs()));
    expect(await statusOf(w.mfa.startEnrolment(user.id))).toBe(409);
  });

  it('accepts a code once: the same time step, or an older one, is refused afterwards (replay)', async () => {
    const { mfa, user, secret, clock } = await enrolled();
    clock.advance(30_000);
    const code = await codeAt(secret, clock.nowMs());
    await expect(mfa.verifyTotp(user.id, code)).resolves.toBe(true);
    await expect(mfa.verifyTotp(user.id, code)).resolves.toBe(false);
    clock.advance(30_000);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs(), -1))).resolves.toBe(false);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs()))).resolves.toBe(true);
  });

  it('accepts one period of drift either side, not two', async () => {
    const { mfa, user, secret, clock } = await enrolled();
    clock.advance(5 * 60_000);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs(), -2))).resolves.toBe(false);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs(), 2))).resolves.toBe(false);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs(), 1))).resolves.toBe(true);
  });

  it('spends a recovery code once, typed in any case and without the dash', async () => {
    const { mfa, user, codes, repository, clock } = await enrolled();
    const [first] = codes;
    await expect(mfa.useRecoveryCode(user.id, ` ${first!.toUpperCase().replace('-', '')} `)).resolves.toBe(
      true,
    );
    await expect(mfa.useRecoveryCode(user.id, first!)).resolves.toBe(false);
    expect(repository.recoveryCodes.filter((c) => c.usedAt !== null).map((c) => c.usedAt)).toEqual([
      clock.now(),
    ]);
    await expect(mfa.status(user.id)).resolves.toMatchObject({ recoveryCodesRemaining: 9 });
  });

  it('turns off only with the password and a second factor', async () => {
    const { mfa, user, secret, clock, codes, repository } = await enrolled();
    clock.advance(30_000);
    expect(
      await statusOf(mfa.disable(user.id, 'wrong password', { code: await codeAt(secret, clock.nowMs()) })),
    ).toBe(400);
    expect(
      await statusOf(mfa.disable(user.id, 'correct horse battery staple', { recoveryCode: 'aaaaa-aaaaa' })),
    ).toBe(400);
    await mfa.disable(user.id, 'correct horse battery staple', { recoveryCode: codes[3] });
    expect(repository.users.get(user.id)).toMatchObject({
      mfaSecret: null,
      mfaEnabledAt: null,
      mfaLastTimeStep: null,
    });
    expect(repository.recoveryCodes).toHaveLength(0);
    expect(
      await statusOf(mfa.disable(user.id, 'correct horse battery staple', { recoveryCode: codes[4] })),
    ).toBe(409);
    await expect(mfa.verifyTotp(user.id, await codeAt(secret, clock.nowMs()))).resolves.toBe(false);
  });

  it('makes recovery codes of the unambiguous alphabet in the xxxxx-xxxxx shape', () => {
    for (const code of generateRecoveryCodes(50))
      expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });
});
