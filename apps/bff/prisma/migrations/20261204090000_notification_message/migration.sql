-- What a notification says as data, so the bell shows it in the reader's language (null: the stored English text).
ALTER TABLE "notifications" ADD COLUMN "message" JSONB;
