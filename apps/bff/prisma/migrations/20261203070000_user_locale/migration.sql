-- The language a user chose for the portal and their emails ('en' | 'de', validated by the domain's localeSchema);
-- null until they choose, when the browser's Accept-Language decides.
ALTER TABLE "users" ADD COLUMN "locale" TEXT;
