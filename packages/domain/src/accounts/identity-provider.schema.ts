import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';

/**
 * Roles an account's identity provider may give members it adds just in time: every account role but `owner`
 * (ownership is handed over by a person, never by a sign-in).
 */
export const identityProviderJitRoleSchema = z.enum(['admin', 'billing', 'technical', 'viewer']);
export type IdentityProviderJitRole = z.infer<typeof identityProviderJitRoleSchema>;

/**
 * An email domain (the part after `@`), lower-cased: labels of letters, digits and hyphens, at least one dot,
 * at most 253 characters. A subdomain is a domain of its own (`eu.acme.example` is not `acme.example`).
 */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'must be a domain name such as example.com',
  );

/** The email domain of an address (lower-cased text after the last `@`), or null when there is none. */
export function emailDomainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  const parsed = emailDomainSchema.safeParse(email.slice(at + 1));
  return parsed.success ? parsed.data : null;
}

/** An issuer URL (OpenID Connect Discovery 1.0 §2): https (http only for localhost), no query or fragment. */
export const issuerUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2048)
  .refine(
    (v) =>
      !/[?#]/.test(v) &&
      (/^https:\/\//i.test(v) ||
        /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?(?:\/|$)/i.test(v)),
    'must be https (http only for localhost) without query or fragment',
  );

/**
 * An account's OpenID Connect identity provider as platform administration reads it. The client secret is never
 * returned: only whether one is stored and its last four characters.
 */
export const identityProviderSchema = z.object({
  /** Row id: also names the provider in `GET /api/v1/auth/oidc/start?provider=`. */
  id: z.string(),
  accountId: z.string(),
  issuerUrl: z.string(),
  clientId: z.string(),
  /** A client secret is stored (encrypted at rest). */
  hasClientSecret: z.boolean(),
  /** `••••` and the secret's last four characters, for recognising it; null without a secret. */
  clientSecretHint: z.string().nullable(),
  /** Lower-cased email domains routed to this provider; each belongs to one provider only. */
  allowedEmailDomains: z.array(z.string()).min(1),
  /** Create users (and memberships) just in time on their first sign-in. */
  jitEnabled: z.boolean(),
  /** Role of members added just in time. */
  jitRole: identityProviderJitRoleSchema,
  /** Sign-in through this provider is offered. */
  enabled: z.boolean(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type IdentityProvider = z.infer<typeof identityProviderSchema>;

/**
 * `PUT /api/v1/admin/accounts/:accountId/identity-provider`: creates or replaces the account's provider.
 * `clientSecret` is required when the account has none yet; left out on an update it keeps the stored one.
 * `verifyDiscovery` (default true) reads the issuer's `/.well-known/openid-configuration` before saving.
 */
export const putIdentityProviderRequestSchema = z.strictObject({
  issuerUrl: issuerUrlSchema,
  clientId: z.string().trim().min(1, 'is required').max(255),
  clientSecret: z.string().min(8, 'must have at least 8 characters').max(1024).optional(),
  allowedEmailDomains: z
    .array(emailDomainSchema)
    .min(1, 'give at least one domain')
    .max(50)
    .refine((d) => new Set(d).size === d.length, 'each domain once'),
  jitEnabled: z.boolean(),
  jitRole: identityProviderJitRoleSchema.default('viewer'),
  enabled: z.boolean().default(true),
  verifyDiscovery: z.boolean().default(true),
});
export type PutIdentityProviderRequest = z.input<typeof putIdentityProviderRequestSchema>;
export type PutIdentityProviderCommand = z.output<typeof putIdentityProviderRequestSchema>;

/** `POST /api/v1/auth/oidc/discover`: the email the person typed on the login page. */
export const oidcDiscoverRequestSchema = z.strictObject({ email: z.string().trim().max(254) });
export type OidcDiscoverRequest = z.infer<typeof oidcDiscoverRequestSchema>;

/**
 * Answer of `POST /api/v1/auth/oidc/discover`: which sign-in the email's DOMAIN routes to (whether the person exists
 * is never told). `account`: the domain's account provider; `platform`: the provider of OIDC_* variables; null:
 * password only. `startUrl`: the path that starts the provider sign-in (relative to the portal).
 */
export const oidcDiscoverResponseSchema = z.object({
  provider: z.enum(['account', 'platform']).nullable(),
  startUrl: z.string().optional(),
});
export type OidcDiscoverResponse = z.infer<typeof oidcDiscoverResponseSchema>;
