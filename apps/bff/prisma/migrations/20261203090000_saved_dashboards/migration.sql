-- Saved dashboards: owners and admins save their own dashboards from the portal, private (creator only) or shared
-- with the account. Account-scoped: row-level security as in 20261121060000_row_level_security, and within the
-- account a private dashboard is visible and writable only by the member who saved it.

CREATE TABLE "saved_dashboards" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "visibility" TEXT NOT NULL,
    "panels" JSONB NOT NULL,
    "created_by_user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_dashboards_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "saved_dashboards_visibility_check" CHECK ("visibility" IN ('private', 'shared'))
);
CREATE UNIQUE INDEX "saved_dashboards_account_id_name_key" ON "saved_dashboards"("account_id", "name");
ALTER TABLE "saved_dashboards" ADD CONSTRAINT "saved_dashboards_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saved_dashboards" ADD CONSTRAINT "saved_dashboards_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "saved_dashboards" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "saved_dashboards" FORCE ROW LEVEL SECURITY;
CREATE POLICY "saved_dashboards_tenant" ON "saved_dashboards" FOR ALL
  USING ((SELECT portico_is_system()) OR ("account_id" = (SELECT portico_account_id()) AND ("visibility" = 'shared' OR "created_by_user_id" = (SELECT portico_user_id()))))
  WITH CHECK ((SELECT portico_is_system()) OR ("account_id" = (SELECT portico_account_id()) AND ("visibility" = 'shared' OR "created_by_user_id" = (SELECT portico_user_id()))));
