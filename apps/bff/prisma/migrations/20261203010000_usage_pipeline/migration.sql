-- Usage becomes a pipeline: samples per service from the WHMCS usage sync and the ingestion API, partitioned by
-- time, with rollups at 10 minutes, 1 hour and 1 day maintained as samples arrive. The previous usage_samples and
-- usage_rollups held only what the demo seed wrote (nothing else ever wrote a sample); the seed writes the new
-- tables. Every table carries account_id first in its keys and every query filters on it, so the tables can be
-- distributed by account (apps/bff/README.md, "Usage at scale").
DROP TABLE "usage_rollups";
DROP TABLE "usage_samples";

-- Time partitions live in their own schema: the application role has no USAGE on it, so it reaches them only
-- through their parent tables (whose row-level security applies). Partitions are created ahead and dropped after
-- their retention by the usage maintenance job (as the owner).
CREATE SCHEMA "usage_partitions";
REVOKE ALL ON SCHEMA "usage_partitions" FROM PUBLIC;

-- Raw samples. service_id '' for metrics without the service dimension; sample_id '' without a client-given id.
CREATE TABLE "usage_samples" (
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL,
    "sample_id" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "usage_samples_pkey" PRIMARY KEY ("account_id", "metric", "service_id", "at", "sample_id")
) PARTITION BY RANGE ("at");

-- Client-given sample ids already recorded (idempotency on (account, id)); kept as long as raw samples.
CREATE TABLE "usage_sample_keys" (
    "account_id" UUID NOT NULL,
    "sample_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_sample_keys_pkey" PRIMARY KEY ("account_id", "sample_id")
);
CREATE INDEX "usage_sample_keys_account_id_at_idx" ON "usage_sample_keys" ("account_id", "at");

-- Rollups: count, sum, min, max and the latest sample (last, last_at) of each bucket.
CREATE TABLE "usage_rollups_10m" (
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_rollups_10m_pkey" PRIMARY KEY ("account_id", "metric", "service_id", "bucket_start")
) PARTITION BY RANGE ("bucket_start");

CREATE TABLE "usage_rollups_1h" (
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_rollups_1h_pkey" PRIMARY KEY ("account_id", "metric", "service_id", "bucket_start")
);

CREATE TABLE "usage_rollups_1d" (
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "count" BIGINT NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_rollups_1d_pkey" PRIMARY KEY ("account_id", "metric", "service_id", "bucket_start")
);

-- The series registry: which (metric, service) pairs an account has, their span and latest sample.
CREATE TABLE "usage_series" (
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "last_value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "usage_series_pkey" PRIMARY KEY ("account_id", "metric", "service_id")
);

-- The account's services (the service dimension's values) as the WHMCS usage sync last read them, with their plan
-- limits in bytes (`{"disklimit": 53687091200, "bwlimit": null}`, null = unlimited).
CREATE TABLE "usage_services" (
    "account_id" UUID NOT NULL,
    "service_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "limits" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_services_pkey" PRIMARY KEY ("account_id", "service_id"),
    CONSTRAINT "usage_services_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The WHMCS usage sync's last reading per service and figure (diskusage, bwusage): value in bytes at lastupdate.
CREATE TABLE "usage_whmcs_readings" (
    "account_id" UUID NOT NULL,
    "service_id" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "measured_at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "usage_whmcs_readings_pkey" PRIMARY KEY ("account_id", "service_id", "field"),
    CONSTRAINT "usage_whmcs_readings_field_check" CHECK ("field" IN ('diskusage', 'bwusage')),
    CONSTRAINT "usage_whmcs_readings_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- API keys of metering systems: sha256 of the secret, shown once. account_id NULL = platform-wide.
CREATE TABLE "usage_api_keys" (
    "id" UUID NOT NULL,
    "account_id" UUID,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" UUID,

    CONSTRAINT "usage_api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "usage_api_keys_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "usage_api_keys_secret_hash_key" ON "usage_api_keys" ("secret_hash");
CREATE INDEX "usage_api_keys_account_id_idx" ON "usage_api_keys" ("account_id");

-- Usage alert rules (service_id '' = across services) and their state (armed | fired).
CREATE TABLE "usage_alert_rules" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "threshold_type" TEXT NOT NULL,
    "threshold_value" DOUBLE PRECISION NOT NULL,
    "hysteresis" DOUBLE PRECISION NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "state" TEXT NOT NULL DEFAULT 'armed',
    "last_value" DOUBLE PRECISION,
    "last_evaluated_at" TIMESTAMPTZ(3),
    "last_fired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_alert_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "usage_alert_rules_threshold_type_check" CHECK ("threshold_type" IN ('percent', 'absolute')),
    CONSTRAINT "usage_alert_rules_state_check" CHECK ("state" IN ('armed', 'fired')),
    CONSTRAINT "usage_alert_rules_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "usage_alert_rules_account_id_metric_idx" ON "usage_alert_rules" ("account_id", "metric");

-- Firings of usage alert rules (mailed_at set once the account's members were mailed).
CREATE TABLE "usage_alert_events" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "rule_id" UUID,
    "metric" TEXT NOT NULL,
    "service_id" TEXT NOT NULL DEFAULT '',
    "threshold_type" TEXT NOT NULL,
    "threshold_value" DOUBLE PRECISION NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "limit_value" DOUBLE PRECISION,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mailed_at" TIMESTAMPTZ(3),
    "mail_attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "usage_alert_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "usage_alert_events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "usage_alert_events_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "usage_alert_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "usage_alert_events_account_id_fired_at_idx" ON "usage_alert_events" ("account_id", "fired_at");

-- Row-level security, as every account-scoped table (README "Isolation in the database").
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['usage_samples', 'usage_sample_keys', 'usage_rollups_10m', 'usage_rollups_1h', 'usage_rollups_1d',
                           'usage_series', 'usage_services', 'usage_whmcs_readings', 'usage_api_keys', 'usage_alert_rules',
                           'usage_alert_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL
      USING ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))
      WITH CHECK ((SELECT portico_is_system()) OR "account_id" = (SELECT portico_account_id()))', t || '_tenant', t);
  END LOOP;
END
$$;
