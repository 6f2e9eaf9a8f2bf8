-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('AUDIT', 'VERIFICATION');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('MANUAL', 'SCHEDULE');

-- CreateEnum
CREATE TYPE "HardeningStrategy" AS ENUM ('BIND_LOCALHOST', 'FIREWALL_DENY', 'REVERSE_PROXY');

-- CreateEnum
CREATE TYPE "HardeningStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'APPLIED', 'VERIFIED', 'FAILED', 'ROLLED_BACK');

-- CreateEnum
CREATE TYPE "DriftKind" AS ENUM ('LISTENER', 'SERVICE', 'CONTAINER', 'CRON_JOB', 'TIMER');

-- CreateEnum
CREATE TYPE "DriftChange" AS ENUM ('NEW', 'GONE', 'CHANGED');

-- CreateEnum
CREATE TYPE "DriftStatus" AS ENUM ('OPEN', 'ACCEPTED', 'PROMOTED');

-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('GENERIC', 'SLACK');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- AlterTable
ALTER TABLE "Engagement" ADD COLUMN     "hardeningExecution" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "kind" "RunKind" NOT NULL DEFAULT 'AUDIT',
ADD COLUMN     "trigger" "RunTrigger" NOT NULL DEFAULT 'MANUAL';

-- CreateTable
CREATE TABLE "HardeningStep" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "strategy" "HardeningStrategy" NOT NULL,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "commands" TEXT[],
    "expectedAfter" TEXT NOT NULL,
    "verifyCommands" TEXT[],
    "rollbackCommands" TEXT[],
    "files" JSONB NOT NULL DEFAULT '[]',
    "status" "HardeningStatus" NOT NULL DEFAULT 'PROPOSED',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "approvedRevision" INTEGER,
    "proposedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "appliedById" TEXT,
    "appliedBy" TEXT,
    "appliedAt" TIMESTAMP(3),
    "beforeHostRunId" TEXT,
    "verificationRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HardeningStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HardeningEvent" (
    "id" BIGSERIAL NOT NULL,
    "stepId" TEXT NOT NULL,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "fromStatus" "HardeningStatus",
    "toStatus" "HardeningStatus",
    "revision" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "HardeningEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Baseline" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "approvedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL DEFAULT '',
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "Baseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftItem" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "baselineId" TEXT NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "change" "DriftChange" NOT NULL,
    "key" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "DriftStatus" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "findingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT NOT NULL,
    "lastRunId" TEXT,
    "lastFiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL DEFAULT 'GENERIC',
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "classification" TEXT NOT NULL DEFAULT 'CONFIDENTIAL',
    "summary" TEXT NOT NULL DEFAULT '',
    "draftedById" TEXT NOT NULL,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "model" JSONB,
    "pdf" BYTEA,
    "sha256" TEXT,
    "sizeBytes" INTEGER,
    "pageCount" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HardeningStep_engagementId_status_idx" ON "HardeningStep"("engagementId", "status");

-- CreateIndex
CREATE INDEX "HardeningStep_findingId_idx" ON "HardeningStep"("findingId");

-- CreateIndex
CREATE INDEX "HardeningStep_hostId_idx" ON "HardeningStep"("hostId");

-- CreateIndex
CREATE INDEX "HardeningEvent_stepId_at_idx" ON "HardeningEvent"("stepId", "at");

-- CreateIndex
CREATE INDEX "Baseline_hostId_approvedAt_idx" ON "Baseline"("hostId", "approvedAt");

-- CreateIndex
CREATE INDEX "DriftItem_engagementId_status_idx" ON "DriftItem"("engagementId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DriftItem_hostRunId_kind_key_key" ON "DriftItem"("hostRunId", "kind", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_engagementId_key" ON "Schedule"("engagementId");

-- CreateIndex
CREATE INDEX "Webhook_engagementId_idx" ON "Webhook"("engagementId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_runId_event_key" ON "WebhookDelivery"("webhookId", "runId", "event");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_engagementId_version_key" ON "ReportVersion"("engagementId", "version");

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_appliedById_fkey" FOREIGN KEY ("appliedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningStep" ADD CONSTRAINT "HardeningStep_verificationRunId_fkey" FOREIGN KEY ("verificationRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningEvent" ADD CONSTRAINT "HardeningEvent_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "HardeningStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HardeningEvent" ADD CONSTRAINT "HardeningEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Baseline" ADD CONSTRAINT "Baseline_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_baselineId_fkey" FOREIGN KEY ("baselineId") REFERENCES "Baseline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_draftedById_fkey" FOREIGN KEY ("draftedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportVersion" ADD CONSTRAINT "ReportVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A published report version is immutable: its model, PDF and sha256 are what
-- the client received. Drafts may change or be deleted; published rows may not.
CREATE FUNCTION palisade_refuse_published_change() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'PUBLISHED' THEN
    RAISE EXCEPTION '% of a published report version is not allowed: it is immutable', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ReportVersion_published_immutable"
  BEFORE UPDATE OR DELETE ON "ReportVersion"
  FOR EACH ROW EXECUTE FUNCTION palisade_refuse_published_change();

-- Hardening history is never rewritten (rows go only with their engagement).
CREATE TRIGGER "HardeningEvent_immutable"
  BEFORE UPDATE ON "HardeningEvent"
  FOR EACH ROW EXECUTE FUNCTION palisade_refuse_change();
