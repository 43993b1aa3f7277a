import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { MfaEnrolment, MfaStatus } from '@portico/domain';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { AccessService, SecretBox } from '../../core/auth';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { MfaRepository } from './mfa.repository';

/** Issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'Portico';
/** Accepted clock drift: one 30 s period either side. */
const EPOCH_TOLERANCE_SECONDS = 30;
/** Recovery codes made at enrolment. */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code as typed: lower-case, without the dash. */
export function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/-/g, '');
}

/** Ten random recovery codes `xxxxx-xxxxx` (~49 bits each, no look-alike characters). */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 10 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

const invalidCode = (path = 'body.code'): AppException =>
  AppException.validation([{ path, message: 'The code is not valid' }], 'The code is not valid');

/**
 * TOTP two-factor authentication (RFC 6238 via otplib 13: SHA-1, 6 digits, 30 s): enrolment with a QR code,
 * confirmation, ten argon2id-hashed single-use recovery codes, and verification that refuses a code's time step
 * once used (replay). Secrets are sealed with AES-256-GCM (`MFA_ENCRYPTION_KEY`) and never logged or returned after
 * enrolment.
 */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    private readonly repository: MfaRepository,
    @Inject(ENV) env: Env,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {
    this.box = new SecretBox(env.MFA_ENCRYPTION_KEY);
  }

  /** The user's two-factor state. */
  async status(userId: string): Promise<MfaStatus> {
    const mfa = await this.repository.findMfa(userId);
    if (!mfa) throw AppException.unauthenticated();
    return {
      enabled: mfa.enabledAt !== null,
      enabledAt: mfa.enabledAt?.toISOString() ?? null,
      recoveryCodesRemaining: mfa.enabledAt ? await this.repository.countUnusedRecoveryCodes(userId) : 0,
    };
  }

  /**
   * Starts (or restarts) an enrolment: a new secret, kept sealed as pending until confirmed.
   * @throws AppException 409 `conflict` when two-factor is already on
   */
  async startEnrolment(userId: string): Promise<MfaEnrolment> {
    const mfa = await this.repository.findMfa(userId);
    if (!mfa) throw AppException.unauthenticated();
    if (mfa.enabledAt) throw new AppException('conflict', 'Two-factor authentication is already on');
    const secret = generateSecret();
    await this.repository.setPendingSecret(userId, this.box.seal(secret));
    const uri = generateURI({ issuer: TOTP_ISSUER, label: mfa.email, secret });
    return {
      qrCodeDataUrl: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 }),
      manualEntryKey: secret.replace(/(.{4})/g, '$1 ').trim(),
    };
  }

  /**
   * Confirms the pending enrolment with a first code and turns two-factor on.
   * @returns the ten recovery codes (shown once; only their argon2id hashes are stored)
   * @throws AppException 409 without a pending enrolment; 400 `validation_failed` for a wrong code
   */
  async confirmEnrolment(userId: string, code: string): Promise<string[]> {
    const mfa = await this.repository.findMfa(userId);
    if (!mfa) throw AppException.unauthenticated();
    if (mfa.enabledAt) throw new AppException('conflict', 'Two-factor authentication is already on');
    if (!mfa.pendingSecret) throw new AppException('conflict', 'Start the two-factor setup first');
    const step = await this.verifyCode(this.box.open(mfa.pendingSecret), code, null);
    if (step === null) throw invalidCode();
    const codes = generateRecoveryCodes();
    const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecoveryCode(c))));
    if (!(await this.repository.enableMfa(userId, mfa.pendingSecret, step, hashes, this.clock.now()))) {
      throw new AppException('conflict', 'The two-factor setup changed meanwhile: start again');
    }
    // The access context carries whether the member has two-factor: drop the cached ones.
    await this.access.invalidateUser(userId);
    return codes;
  }

  /**
   * Turns two-factor off after checking the password and a current TOTP code or an unused recovery code.
   * @throws AppException 400 for a wrong password or code; 409 when it is not on
   */
  async disable(
    userId: string,
    password: string,
    second: { code?: string; recoveryCode?: string },
  ): Promise<void> {
    const mfa = await this.repository.findMfa(userId);
    if (!mfa) throw AppException.unauthenticated();
    if (!mfa.enabledAt || !mfa.secret)
      throw new AppException('conflict', 'Two-factor authentication is not on');
    if (!(await verifyPassword(mfa.passwordHash, password))) {
      throw AppException.validation(
        [{ path: 'body.password', message: 'The password is not correct' }],
        'The password is not correct',
      );
    }
    const ok =
      second.code !== undefined
        ? await this.verifyTotp(userId, second.code)
        : await this.useRecoveryCode(userId, second.recoveryCode ?? '');
    if (!ok) throw invalidCode(second.code !== undefined ? 'body.code' : 'body.recoveryCode');
    await this.repository.disableMfa(userId);
    await this.access.invalidateUser(userId);
  }

  /**
   * Checks a TOTP code of a user with two-factor on and spends its time step, so the same code (or an older one)
   * is refused afterwards. @returns false for a wrong, replayed or stale code, or when two-factor is off
   */
  async verifyTotp(userId: string, code: string): Promise<boolean> {
    const mfa = await this.repository.findMfa(userId);
    if (!mfa?.enabledAt || !mfa.secret) return false;
    const step = await this.verifyCode(this.box.open(mfa.secret), code, mfa.lastTimeStep);
    return step !== null && (await this.repository.consumeTimeStep(userId, step));
  }

  /** Checks and spends one recovery code. @returns false when no unused code matches */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const normalized = normalizeRecoveryCode(code);
    for (const candidate of await this.repository.listUnusedRecoveryCodes(userId)) {
      if (await verifyPassword(candidate.codeHash, normalized))
        return this.repository.useRecoveryCode(candidate.id, this.clock.now());
    }
    return false;
  }

  /** The time step `code` belongs to, or null when it is wrong or not after `afterTimeStep`. */
  private async verifyCode(
    secret: string,
    code: string,
    afterTimeStep: number | null,
  ): Promise<number | null> {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.clock.nowMs() / 1000),
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      ...(afterTimeStep === null ? {} : { afterTimeStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
