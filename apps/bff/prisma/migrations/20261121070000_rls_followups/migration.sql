-- Row-level security, follow-ups (see 20261121060000_row_level_security for the settings and the convention).

-- reconciliation_snapshots: what the reconciliation job last saw of an account. Account-scoped like every table
-- with an account_id; the job itself runs in the system scope.
ALTER TABLE "reconciliation_snapshots" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "reconciliation_snapshots" FORCE ROW LEVEL SECURITY;
CREATE POLICY "reconciliation_snapshots_tenant" ON "reconciliation_snapshots" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- audit_events: a signed-in user may also read their own account-less events (sessions, two-factor, password).
-- Without it a user scope could not append them either: INSERT ... RETURNING checks the new row against the
-- SELECT policies too.
DROP POLICY "audit_events_read" ON "audit_events";
CREATE POLICY "audit_events_read" ON "audit_events" FOR SELECT
  USING ((SELECT portico_is_system())
         OR "account_id" = (SELECT portico_account_id())
         OR ("account_id" IS NULL AND "actor_user_id" = (SELECT portico_user_id()))
         OR ("account_id" IS NULL
             AND "actor_user_id" IN (SELECT m."user_id" FROM "memberships" m WHERE m."account_id" = (SELECT portico_account_id()))));
