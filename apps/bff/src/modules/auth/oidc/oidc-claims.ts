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
  /** The account identity provider (id) the sign-in was started at; null for the platform provider (OIDC_*). */
  provider: z.uuid().nullable().default(null),
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

/**
 * Query of `GET /api/v1/auth/oidc/start`: `provider` (an account identity provider's id, from `/discover`) or `email`
 * (its domain picks the provider); neither: the platform provider (OIDC_*). `next`: the portal path to open after.
 */
export const oidcStartQuerySchema = z.object({
  next: z.string().max(2048).optional(),
  provider: z.uuid('must be an identity provider id').optional(),
  email: z.string().trim().max(254).optional(),
});
export type OidcStartQuery = z.infer<typeof oidcStartQuerySchema>;

/** Where an email domain signs in: its account's identity provider, the platform provider, or nowhere (password). */
export type OidcRoute = { kind: 'account'; providerId: string } | { kind: 'platform' } | null;

/**
 * Routes an email domain: an enabled account identity provider claiming the domain wins; else the platform provider
 * when it is on and allows the domain; else none. Only the domain decides (never whether a user exists).
 * @param domain lower-cased email domain, or null for an address without one
 * @param accountProvider the account provider the domain is routed to, if any
 * @param platform whether the platform provider is on, and its allowed domains
 */
export function routeEmailDomain(
  domain: string | null,
  accountProvider: { id: string; enabled: boolean } | null,
  platform: { enabled: boolean; domains: readonly string[] },
): OidcRoute {
  if (domain === null) return null;
  if (accountProvider?.enabled) return { kind: 'account', providerId: accountProvider.id };
  if (platform.enabled && platform.domains.includes(domain)) return { kind: 'platform' };
  return null;
}

/**
 * What a sign-in through an account's identity provider does to membership (just-in-time rules):
 * - `sign_in`: the user exists and is a member, or exists and JIT is off (existing users may always sign in);
 * - `add_membership`: the user exists, is not a member, and JIT is on;
 * - `create_user`: no such user and JIT is on (user and membership with the provider's role);
 * - `refuse`: no such user and JIT is off.
 */
export function membershipDecision(input: {
  userExists: boolean;
  isMember: boolean;
  jitEnabled: boolean;
}): 'sign_in' | 'add_membership' | 'create_user' | 'refuse' {
  if (!input.userExists) return input.jitEnabled ? 'create_user' : 'refuse';
  if (input.isMember || !input.jitEnabled) return 'sign_in';
  return 'add_membership';
}

/**
 * The second-factor step after a provider sign-in. A second factor asserted by the provider (`amr`) counts: no TOTP
 * challenge, and the session meets the account's two-factor requirement (`mfaRequired`). Otherwise a user with
 * TOTP on answers the challenge, as after a password; a user without it whose account requires two-factor signs in
 * and is sent to enrol by the account guard (403 `mfa_enrolment_required`), as after a password.
 */
export function secondFactorStep(input: {
  userMfaEnabled: boolean;
  providerAssertedMfa: boolean;
}): 'provider_mfa' | 'totp_challenge' | 'none' {
  if (input.providerAssertedMfa) return 'provider_mfa';
  if (input.userMfaEnabled) return 'totp_challenge';
  return 'none';
}

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
