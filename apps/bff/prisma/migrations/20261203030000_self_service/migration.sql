-- Self-service: notifications (per account, read state and email choice per member), the members who wrote case
-- comments through Portico, and the cancellations they requested. Every table is account-scoped: row-level security
-- as in 20261121060000_row_level_security.

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('invoice_overdue', 'payment_failed', 'card_expiring', 'domain_expiring', 'usage_alert'))
);
CREATE UNIQUE INDEX "notifications_account_id_dedup_key_key" ON "notifications"("account_id", "dedup_key");
CREATE INDEX "notifications_account_id_created_at_idx" ON "notifications"("account_id", "created_at");
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notification_reads" (
    "notification_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_reads_pkey" PRIMARY KEY ("notification_id", "user_id")
);
CREATE INDEX "notification_reads_account_id_user_id_idx" ON "notification_reads"("account_id", "user_id");
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "notification_preferences" (
    "account_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("account_id", "user_id", "kind"),
    CONSTRAINT "notification_preferences_kind_check" CHECK ("kind" IN ('invoice_overdue', 'payment_failed', 'card_expiring', 'domain_expiring', 'usage_alert'))
);
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "case_comment_authors" (
    "comment_id" TEXT NOT NULL,
    "account_id" UUID NOT NULL,
    "case_id" TEXT NOT NULL,
    "user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_comment_authors_pkey" PRIMARY KEY ("comment_id")
);
CREATE INDEX "case_comment_authors_account_id_case_id_idx" ON "case_comment_authors"("account_id", "case_id");
ALTER TABLE "case_comment_authors" ADD CONSTRAINT "case_comment_authors_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "case_comment_authors" ADD CONSTRAINT "case_comment_authors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "subscription_cancellations" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_user_id" UUID,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscription_cancellations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "subscription_cancellations_type_check" CHECK ("type" IN ('immediate', 'end_of_billing_period'))
);
CREATE UNIQUE INDEX "subscription_cancellations_account_id_subscription_id_key" ON "subscription_cancellations"("account_id", "subscription_id");
ALTER TABLE "subscription_cancellations" ADD CONSTRAINT "subscription_cancellations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscription_cancellations" ADD CONSTRAINT "subscription_cancellations_requested_by_user_id_fkey" FOREIGN KEY ("requested_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notifications_tenant" ON "notifications" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- Read marks and email choices: the account's rows, and within them a member writes only their own.
ALTER TABLE "notification_reads" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notification_reads" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notification_reads_tenant" ON "notification_reads" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR ("account_id" = (SELECT portico_account_id()) AND "user_id" = (SELECT portico_user_id())));

ALTER TABLE "notification_preferences" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notification_preferences" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notification_preferences_tenant" ON "notification_preferences" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR ("account_id" = (SELECT portico_account_id()) AND "user_id" = (SELECT portico_user_id())));

ALTER TABLE "case_comment_authors" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "case_comment_authors" FORCE ROW LEVEL SECURITY;
CREATE POLICY "case_comment_authors_tenant" ON "case_comment_authors" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

ALTER TABLE "subscription_cancellations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subscription_cancellations" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subscription_cancellations_tenant" ON "subscription_cancellations" FOR ALL
  USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
  WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()));

-- Reconciliation also compares case conversations, domains and payment methods.
ALTER TABLE "reconciliation_snapshots" DROP CONSTRAINT "reconciliation_snapshots_kind_check";
ALTER TABLE "reconciliation_snapshots" ADD CONSTRAINT "reconciliation_snapshots_kind_check"
  CHECK ("kind" IN ('invoices', 'subscriptions', 'cases', 'comments', 'domains', 'payment_methods'));
