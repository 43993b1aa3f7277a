import { z } from 'zod';
import { roleSchema } from '../users/role.schema';

/** An email address: at most 254 characters, the longest a mail server relays (RFC 5321 path limit). */
export const emailAddressSchema = z.email().max(254);

/** `POST /api/v1/auth/login` body. */
export const loginRequestSchema = z.object({
  email: emailAddressSchema,
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A language of the portal and of the emails: `en` (English) or `de` (German). */
export const localeSchema = z.enum(['en', 'de']);
export type Locale = z.infer<typeof localeSchema>;

/** The signed-in user. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** Whether the user signs in with a second factor (TOTP); always sent by the BFF. */
  mfaEnabled: z.boolean().optional(),
  /** The language the user chose (`PUT /api/v1/me/locale`); null until they choose, then the browser's language applies. */
  locale: localeSchema.nullable().optional(),
});
export type User = z.infer<typeof userSchema>;

/** `PUT /api/v1/me/locale` body: the language to keep for the user (portal and emails). */
export const localeRequestSchema = z.object({ locale: localeSchema });
export type LocaleRequest = z.infer<typeof localeRequestSchema>;

/** One account the user belongs to, with the role held there. */
export const membershipSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  role: roleSchema,
  /**
   * The account requires two-factor authentication of every member (a member without it must enrol first); always
   * sent by the BFF.
   */
  mfaRequired: z.boolean().optional(),
});
export type Membership = z.infer<typeof membershipSchema>;

/** `GET /api/v1/me` (also the body of a successful login or refresh). */
export const meSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
  /** The user operates this Portico installation (the `/admin` area); not an account role. */
  platformAdmin: z.boolean().default(false),
  /** The account the user opened last (`PUT /api/v1/me/last-account`), null before any; `/` opens it. */
  lastAccountId: z.string().nullable().optional(),
});
export type Me = z.infer<typeof meSchema>;

/** Body of `POST /api/v1/auth/login` when the password was right and a second factor is due (cookie `portico_mfa`). */
export const mfaChallengeSchema = z.object({ mfaRequired: z.literal(true) });
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

/** `POST /api/v1/auth/login` answer: `Me` when signed in, else the two-factor challenge. */
export const loginResultSchema = z.union([meSchema, mfaChallengeSchema]);
export type LoginResult = z.infer<typeof loginResultSchema>;

/** Whether a login answer is the two-factor challenge. */
export function isMfaChallenge(result: LoginResult): result is MfaChallenge {
  return 'mfaRequired' in result;
}

/**
 * `GET /api/v1/auth/oidc/config`: whether the login page offers "Sign in with your company account" (the BFF's
 * OIDC_ENABLED), and the email domains that provider serves.
 */
export const oidcPublicConfigSchema = z.object({
  enabled: z.boolean(),
  domains: z.array(z.string()),
});
export type OidcPublicConfig = z.infer<typeof oidcPublicConfigSchema>;
