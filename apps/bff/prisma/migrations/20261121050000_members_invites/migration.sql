-- Member management: invites (argon2id-hashed single-use link secrets, 7-day expiry) and the last account a user opened.
ALTER TABLE "users" ADD COLUMN "last_account_id" UUID;
ALTER TABLE "users" ADD CONSTRAINT "users_last_account_id_fkey" FOREIGN KEY ("last_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by_user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invites_role_check" CHECK ("role" IN ('owner', 'admin', 'billing', 'technical', 'viewer')),
    CONSTRAINT "invites_email_lower_check" CHECK ("email" = lower("email"))
);

CREATE INDEX "invites_account_id_email_idx" ON "invites"("account_id", "email");

ALTER TABLE "invites" ADD CONSTRAINT "invites_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "invites" ADD CONSTRAINT "invites_invited_by_user_id_fkey" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
