-- Idempotency keys (IETF httpapi `Idempotency-Key`): the first response to a mutating request, per principal (a
-- user or an API key) and key, kept for 24 hours and replayed on a retry. Only the BFF's idempotency store reads
-- them, in the system scope: no request scope sees another principal's stored responses.

CREATE TABLE "idempotency_keys" (
    "principal" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("principal", "key"),
    CONSTRAINT "idempotency_keys_state_check" CHECK ("state" IN ('in_flight', 'completed'))
);
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "idempotency_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "idempotency_keys_system" ON "idempotency_keys" FOR ALL
  USING ((SELECT portico_is_system()))
  WITH CHECK ((SELECT portico_is_system()));
