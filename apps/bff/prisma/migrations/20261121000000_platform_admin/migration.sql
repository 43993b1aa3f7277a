-- Platform administrators operate the installation (accounts, id mappings, dead-lettered webhook deliveries).
ALTER TABLE "users" ADD COLUMN "platform_admin" BOOLEAN NOT NULL DEFAULT false;
