-- Webhook deliveries whose processing attempts ran out are dead-lettered (kept with their last error, replayable).
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_status_check";
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check"
    CHECK ("status" IN ('received', 'processed', 'ignored', 'failed', 'dead_lettered'));

-- Platform admins list deliveries by status, newest first.
CREATE INDEX "webhook_deliveries_status_received_at_idx" ON "webhook_deliveries"("status", "received_at");

-- CreateTable: what the reconciliation job last saw of an account, per kind of record (fingerprint per record id).
CREATE TABLE "reconciliation_snapshots" (
    "account_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fingerprints" JSONB NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_snapshots_pkey" PRIMARY KEY ("account_id", "kind"),
    CONSTRAINT "reconciliation_snapshots_kind_check" CHECK ("kind" IN ('invoices', 'subscriptions', 'cases')),
    CONSTRAINT "reconciliation_snapshots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
