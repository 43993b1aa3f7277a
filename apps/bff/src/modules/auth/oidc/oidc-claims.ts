import { z } from 'zod';

/**
 * The ID token claims Portico reads (OpenID Connect Core 1.0 §2, §5.1). `sub` names the person at the provider for
 * good; `email` must be `email_verified` for the sign-in to find or create a user by it. `amr` (RFC 8176 values such
 * as `pwd`, `otp`, `mfa`, `hwk`) tells whether the provider already asked for a second factor.
 */
export const oidcIdTokenClaimsSchema = z.object({
  iss: z.string().min(1).max(2048),
  sub: z.string().min(1).max(255),
  email: z.email().max(254).optional(),
  email_verified: z.boolean().optional(),
  name: z.string().max(200).optional(),
  amr: z.array(z.string().max(64)).max(20).optional(),
});
export type OidcIdTokenClaims = z.infer<typeof oidcIdTokenClaimsSchema>;

/** A provider identity accepted for sign-in. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** Lower-cased, verified email address. */
  email: string;
  /** Display name for a user created just in time (falls back to the email's local part). */
  name: string;
  /** The provider asserted a second factor (`amr` holds `mfa`, `otp`, `hwk`, `swk`, `sms`, `fpt` or `face`). */
  multiFactor: boolean;
}

/** Why an ID token cannot sign anyone in (each maps to a 403 with its own message). */
export type OidcClaimsRejection =
  'invalid_claims' | 'email_missing' | 'email_unverified' | 'domain_not_allowed';

/** `amr` values (RFC 8176) that show a factor beyond the password, or several factors. */
const MULTI_FACTOR_AMR = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'fpt', 'face', 'iris', 'retina', 'vbm']);

/**
 * Checks an ID token's claims (already signature-, issuer-, audience-, nonce- and expiry-checked by openid-client)
 * against the allowed email domains.
 * @param claims the ID token's payload (`tokens.claims()`)
 * @param allowedDomains lower-cased domains (OIDC_ALLOWED_EMAIL_DOMAINS); a subdomain is not its parent
 * @returns the identity, or the reason it is refused
 */
export function acceptOidcClaims(
  claims: unknown,
  allowedDomains: readonly string[],
): { ok: true; identity: OidcIdentity } | { ok: false; reason: OidcClaimsRejection } {
  const parsed = oidcIdTokenClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const emailIssue = parsed.error.issues.some((i) => i.path[0] === 'email');
    return { ok: false, reason: emailIssue ? 'email_missing' : 'invalid_claims' };
  }
  const c = parsed.data;
  if (c.email === undefined) return { ok: false, reason: 'email_missing' };
  if (c.email_verified !== true) return { ok: false, reason: 'email_unverified' };
  const email = c.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!allowedDomains.includes(domain)) return { ok: false, reason: 'domain_not_allowed' };
  const name = c.name?.trim() || email.slice(0, email.lastIndexOf('@'));
  return {
    ok: true,
    identity: {
      issuer: c.iss,
      subject: c.sub,
      email,
      name: name.slice(0, 200),
      multiFactor: (c.amr ?? []).some((v) => MULTI_FACTOR_AMR.has(v.toLowerCase())),
    },
  };
}

/** The pending sign-in kept in the signed state cookie between `/start` and `/callback`. */
export const oidcLoginStateSchema = z.object({
  /** PKCE code verifier (RFC 7636, 43-128 characters). */
  verifier: z.string().min(43).max(128),
  state: z.string().min(16).max(128),
  nonce: z.string().min(16).max(128),
  /** Portal path to open after sign-in (same-site paths only), or null. */
  next: z.string().max(2048).nullable(),
});
export type OidcLoginState = z.infer<typeof oidcLoginStateSchema>;

/**
 * A same-site portal path (`/...`, not `//host`, `/\host` nor `/login`), or null: the only `next` the sign-in
 * will redirect to.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.startsWith('/login') || [...value].some((c) => c.charCodeAt(0) < 0x20)) return null;
  return value;
}

/** Query of `GET /api/v1/auth/oidc/start`. */
export const oidcStartQuerySchema = z.object({ next: z.string().max(2048).optional() });

/**
 * Query of `GET /api/v1/auth/oidc/callback` (RFC 6749 §4.1.2): `code` and `state`, or `error` (§4.1.2.1) from the
 * provider. Other parameters (`iss`, `session_state`) pass on to openid-client unchanged.
 */
export const oidcCallbackQuerySchema = z
  .object({
    code: z.string().min(1).max(2048).optional(),
    state: z.string().min(1).max(512).optional(),
    iss: z.string().max(2048).optional(),
    error: z.string().max(256).optional(),
    error_description: z.string().max(2048).optional(),
  })
  .refine((q) => q.error !== undefined || (q.code !== undefined && q.state !== undefined), {
    message: 'code and state are required',
  });
export type OidcCallbackQuery = z.infer<typeof oidcCallbackQuerySchema>;
