-- Row-level security: the database itself keeps every account's rows apart, even from a query that forgets its
-- account filter. Runs as the owner of the tables (the migration user); the application connects as `portico_app`,
-- a role without BYPASSRLS that owns nothing, so these policies always apply to it.
--
-- The BFF sets three settings on every pooled connection it checks out (src/core/prisma/scoped-pool.ts), from
-- DbContext (src/core/prisma/db-context.ts):
--   app.scope       'account' | 'user' | 'system' | '' (no scope: sees no account-scoped row)
--   app.account_id  the account of an `account` scope, else ''
--   app.user_id     the signed-in user of an `account` or `user` scope, else ''
--
-- CONVENTION for a new account-scoped table (one with an `account_id` column), e.g. `invites`:
--   ALTER TABLE "invites" ENABLE ROW LEVEL SECURITY;
--   ALTER TABLE "invites" FORCE ROW LEVEL SECURITY;
--   CREATE POLICY "invites_tenant" ON "invites" FOR ALL
--     USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
--     WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));
-- (The scalar sub-selects make PostgreSQL evaluate the settings once per statement, not once per row.)
-- Grants need nothing: default privileges below give portico_app SELECT/INSERT/UPDATE/DELETE on new tables.
-- test/integration/rls.int-spec.ts fails while a table with an account_id column lacks FORCE ROW LEVEL SECURITY.

-- The application role. NOLOGIN here: the BFF's bootstrap (or the operator) gives it LOGIN and a password.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portico_app') THEN
    CREATE ROLE portico_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created meanwhile by a migration of another database on the same server
END
$$;

DO $$
BEGIN
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO portico_app', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO portico_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portico_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portico_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portico_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portico_app;
-- The migration history is the owner's business.
REVOKE ALL ON "_prisma_migrations" FROM portico_app;

-- Scope readers (inlined by the planner; NULL when unset, so comparisons fail closed).
CREATE FUNCTION portico_is_system() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT coalesce(current_setting('app.scope', true), '') = 'system' $$;
CREATE FUNCTION portico_account_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN current_setting('app.scope', true) = 'account'
                    THEN nullif(current_setting('app.account_id', true), '')::uuid END $$;
CREATE FUNCTION portico_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN current_setting('app.scope', true) IN ('account', 'user')
                    THEN nullif(current_setting('app.user_id', true), '')::uuid END $$;

-- accounts: the tenant root (it carries the WHMCS / Salesforce id mappings). An account scope sees its own row, a
-- user scope the accounts it is a member of (the account switcher), the system everything. Only the system writes.
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "accounts_read" ON "accounts" FOR SELECT
  USING ((SELECT portico_is_system())
         OR "id" = (SELECT portico_account_id())
         OR "id" IN (SELECT m."account_id" FROM "memberships" m WHERE m."user_id" = (SELECT portico_user_id())));
CREATE POLICY "accounts_write" ON "accounts" FOR ALL
  USING ((SELECT portico_is_system())) WITH CHECK ((SELECT portico_is_system()));
-- An account scope may lock its own row (SELECT ... FOR UPDATE, which member changes use to serialise per account)
-- but never change it: locking checks only USING, an UPDATE also the WITH CHECK, which nothing passes.
CREATE POLICY "accounts_lock_own" ON "accounts" FOR UPDATE
  USING ("id" = (SELECT portico_account_id())) WITH CHECK (false);

-- memberships: the account's members in an account scope; the user's own memberships (of any account) in a user
-- scope, read only (/me, the account switcher, the membership check of AccountMemberGuard).
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY "memberships_tenant" ON "memberships" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));
CREATE POLICY "memberships_own" ON "memberships" FOR SELECT
  USING ((SELECT current_setting('app.scope', true)) = 'user' AND "user_id" = (SELECT portico_user_id()));

-- usage
ALTER TABLE "usage_samples" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_samples" FORCE ROW LEVEL SECURITY;
CREATE POLICY "usage_samples_tenant" ON "usage_samples" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));
ALTER TABLE "usage_rollups" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "usage_rollups" FORCE ROW LEVEL SECURITY;
CREATE POLICY "usage_rollups_tenant" ON "usage_rollups" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- invites (member management): the account's invites in an account scope; lookups and acceptance by token run as the
-- system (no session yet).
ALTER TABLE "invites" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invites" FORCE ROW LEVEL SECURITY;
CREATE POLICY "invites_tenant" ON "invites" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- webhook_deliveries: written and processed by the system (intake, worker, replay); an account scope sees only its
-- own resolved deliveries (account_id NULL rows stay with the system).
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_deliveries" FORCE ROW LEVEL SECURITY;
CREATE POLICY "webhook_deliveries_tenant" ON "webhook_deliveries" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- audit_events: append-only. An account scope reads its account's events plus the account-less events (logins,
-- sessions) of its current members; it appends events of its own account or of its own user. A user scope appends
-- its own account-less events. Nobody updates or deletes: no policy allows it, portico_app has no grant for it,
-- and a trigger refuses it even to the owner.
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_events_read" ON "audit_events" FOR SELECT
  USING ((SELECT portico_is_system())
         OR "account_id" = (SELECT portico_account_id())
         OR ("account_id" IS NULL
             AND "actor_user_id" IN (SELECT m."user_id" FROM "memberships" m WHERE m."account_id" = (SELECT portico_account_id()))));
CREATE POLICY "audit_events_append" ON "audit_events" FOR INSERT
  WITH CHECK ((SELECT portico_is_system())
              OR "account_id" = (SELECT portico_account_id())
              OR ("account_id" IS NULL AND "actor_user_id" = (SELECT portico_user_id())));
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM portico_app;

CREATE FUNCTION portico_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION portico_audit_events_append_only();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION portico_audit_events_append_only();

-- The account's audit page lists account-less events by actor.
CREATE INDEX "audit_events_actor_user_id_occurred_at_idx" ON "audit_events"("actor_user_id", "occurred_at");
