import { z } from 'zod';
import {
  brokenPasswordRules,
  PASSPHRASE_MIN_WORDS,
  PASSWORD_MIN_LENGTH,
  type PasswordRule,
} from './password-rules';
import { isoTimestampSchema } from '../common/date-range.schema';
import { emailAddressSchema } from './auth.schema';

/** A six-digit TOTP code (RFC 6238, 30 s period). */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app');

/** A recovery code as shown at enrolment: `xxxxx-xxxxx` (lower-case letters and digits; case and dash optional). */
export const recoveryCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/i, 'Enter a recovery code like abcde-12345');

/** `POST /api/v1/auth/mfa/verify`: the second login step, with a TOTP code or one recovery code (exactly one). */
export const mfaVerifyRequestSchema = z
  .object({ code: totpCodeSchema.optional(), recoveryCode: recoveryCodeSchema.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'Send either code or recoveryCode',
    path: ['code'],
  });
export type MfaVerifyRequest = z.infer<typeof mfaVerifyRequestSchema>;

/** One signed-in session (a refresh-token family) of the current user. */
export const sessionSchema = z.object({
  id: z.string(),
  /** Browser and operating system parsed from the user agent, e.g. `Chrome 142 on Linux`; `Unknown device` if none. */
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: isoTimestampSchema,
  /** Last sign-in or token refresh of the session (refreshes happen at most every 15 minutes of use). */
  lastSeenAt: isoTimestampSchema,
  /** Absolute end of the session (login + 7 days by default). */
  expiresAt: isoTimestampSchema,
  /** The session making this request. */
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

/** `GET /api/v1/auth/sessions`: live sessions, newest first. */
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

/** `GET /api/v1/auth/mfa`: the user's two-factor state. */
export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: isoTimestampSchema.nullable(),
  /** Unused recovery codes left. */
  recoveryCodesRemaining: z.number().int().min(0),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/**
 * `POST /api/v1/auth/mfa/enrolment`: a new TOTP secret awaiting confirmation. The only answer that carries the
 * secret (as a QR code and as the key for manual entry), once, to the signed-in user enrolling.
 */
export const mfaEnrolmentSchema = z.object({
  /** PNG data URL of the `otpauth://` URI. */
  qrCodeDataUrl: z.string().startsWith('data:image/png;base64,'),
  /** The Base32 secret, grouped in fours, for typing into an authenticator app. */
  manualEntryKey: z.string(),
});
export type MfaEnrolment = z.infer<typeof mfaEnrolmentSchema>;

/** `POST /api/v1/auth/mfa/enrolment/confirm` body. */
export const mfaConfirmRequestSchema = z.object({ code: totpCodeSchema });
export type MfaConfirmRequest = z.infer<typeof mfaConfirmRequestSchema>;

/** Answer of a confirmed enrolment: the ten recovery codes, shown this once (only hashes are stored). */
export const mfaRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });
export type MfaRecoveryCodes = z.infer<typeof mfaRecoveryCodesSchema>;

/** `POST /api/v1/auth/mfa/disable` body: the password and a current code or an unused recovery code (exactly one). */
export const mfaDisableRequestSchema = z
  .object({
    password: z.string().min(1).max(1024),
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'Send either code or recoveryCode',
    path: ['code'],
  });
export type MfaDisableRequest = z.infer<typeof mfaDisableRequestSchema>;

/** `POST /api/v1/auth/password` body. */
export const passwordChangeRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;

/** `POST /api/v1/auth/password/forgot` body. */
export const passwordForgotRequestSchema = z.object({ email: emailAddressSchema });
export type PasswordForgotRequest = z.infer<typeof passwordForgotRequestSchema>;

/** `POST /api/v1/auth/password/reset` body: the token from the emailed link and the new password. */
export const passwordResetRequestSchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: z.string().min(1).max(1024),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** `GET|PUT /api/v1/accounts/:accountId/security`: account-wide security settings. */
export const accountSecuritySchema = z.object({
  /** Every member must have two-factor authentication enabled to open the account. */
  mfaRequired: z.boolean(),
});
export type AccountSecurity = z.infer<typeof accountSecuritySchema>;

/** The rules in English, as the BFF answers them. */
const PASSWORD_RULE_MESSAGES: Readonly<Record<PasswordRule, string>> = {
  length: `Use at least ${PASSWORD_MIN_LENGTH} characters, or a passphrase of ${PASSPHRASE_MIN_WORDS} or more words`,
  no_email: 'Do not use your email address in your password',
  not_one_character: 'Do not repeat a single character',
};

/**
 * The broken rules of {@link brokenPasswordRules} as English messages (the BFF's `details`).
 * @returns the messages (empty when none)
 */
export function passwordPolicyIssues(password: string, email: string | null): string[] {
  return brokenPasswordRules(password, email).map((rule) => PASSWORD_RULE_MESSAGES[rule]);
}
