-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "urlShown" TEXT NOT NULL DEFAULT '';

-- Webhooks stored before this held their URL in plain text, which cannot be
-- encrypted here (the key is derived from PALISADE_SECRET, outside the
-- database). Remove them; they are re-added on the Schedule page.
DELETE FROM "Webhook";
