-- OpenID Connect sign-in per account: at most one identity provider per account (issuer, client id, client secret
-- sealed with AES-256-GCM under IDENTITY_PROVIDER_SECRET_KEY), the email domains routed to it (each domain to one
-- provider only: the primary key of identity_provider_domains), just-in-time membership and its role.
-- The rows hold client secrets and are read before any session exists (login routing, the callback) or by platform
-- administration: both run in the system scope, so the policies admit the system scope only (like user_identities);
-- no account-scoped request reads them.

CREATE TABLE "account_identity_providers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "account_id" UUID NOT NULL,
    "issuer_url" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_sealed" TEXT NOT NULL,
    "client_secret_hint" TEXT NOT NULL,
    "jit_enabled" BOOLEAN NOT NULL DEFAULT false,
    "jit_role" TEXT NOT NULL DEFAULT 'viewer',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_identity_providers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "account_identity_providers_jit_role_check" CHECK ("jit_role" IN ('admin', 'billing', 'technical', 'viewer'))
);
CREATE UNIQUE INDEX "account_identity_providers_account_id_key" ON "account_identity_providers"("account_id");
ALTER TABLE "account_identity_providers" ADD CONSTRAINT "account_identity_providers_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "identity_provider_domains" (
    "domain" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,

    CONSTRAINT "identity_provider_domains_pkey" PRIMARY KEY ("domain"),
    CONSTRAINT "identity_provider_domains_domain_check" CHECK ("domain" = lower("domain") AND "domain" <> '')
);
CREATE INDEX "identity_provider_domains_provider_id_idx" ON "identity_provider_domains"("provider_id");
ALTER TABLE "identity_provider_domains" ADD CONSTRAINT "identity_provider_domains_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "account_identity_providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "account_identity_providers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "account_identity_providers" FORCE ROW LEVEL SECURITY;
CREATE POLICY "account_identity_providers_system" ON "account_identity_providers" FOR ALL
  USING ((SELECT portico_is_system()))
  WITH CHECK ((SELECT portico_is_system()));

ALTER TABLE "identity_provider_domains" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "identity_provider_domains" FORCE ROW LEVEL SECURITY;
CREATE POLICY "identity_provider_domains_system" ON "identity_provider_domains" FOR ALL
  USING ((SELECT portico_is_system()))
  WITH CHECK ((SELECT portico_is_system()));

-- A session signed in through an account's provider that asserted a second factor (`amr`): that account's
-- two-factor requirement is met for the session's lifetime.
ALTER TABLE "auth_sessions" ADD COLUMN "mfa_account_id" UUID;
