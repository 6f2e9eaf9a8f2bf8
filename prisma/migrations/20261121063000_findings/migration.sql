-- Trigram search on findings (title and host label); pg_trgm ships with PostgreSQL's contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('NEW', 'CONFIRMED', 'FALSE_POSITIVE', 'ACCEPTANCE_REQUESTED', 'ACCEPTED_RISK', 'DUPLICATE', 'RESOLVED', 'REOPENED');

-- AlterEnum
ALTER TYPE "HostRunStatus" ADD VALUE 'PROBING';

-- CreateTable
CREATE TABLE "Probe" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "via" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "authRequired" BOOLEAN,
    "tls" JSONB,
    "http" JSONB,
    "banner" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Probe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "severityRank" INTEGER NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'NEW',
    "why" TEXT NOT NULL,
    "severityReason" TEXT NOT NULL,
    "confidence" TEXT NOT NULL,
    "reproduce" TEXT NOT NULL,
    "proto" TEXT,
    "port" INTEGER,
    "address" TEXT,
    "executable" TEXT,
    "hostLabel" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstRunId" TEXT,
    "lastRunId" TEXT,
    "lastHostRunId" TEXT,
    "timesSeen" INTEGER NOT NULL DEFAULT 1,
    "duplicateOfId" TEXT,
    "acceptanceJustification" TEXT,
    "acceptanceExpiresAt" TIMESTAMP(3),
    "acceptanceRequestedById" TEXT,
    "acceptanceApprovedById" TEXT,
    "triagedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingEvent" (
    "id" BIGSERIAL NOT NULL,
    "findingId" TEXT NOT NULL,
    "actorId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "fromStatus" "FindingStatus",
    "toStatus" "FindingStatus",
    "comment" TEXT NOT NULL DEFAULT '',
    "runId" TEXT,

    CONSTRAINT "FindingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Probe_hostRunId_idx" ON "Probe"("hostRunId");

-- CreateIndex
CREATE INDEX "Finding_engagementId_severityRank_id_idx" ON "Finding"("engagementId", "severityRank", "id");

-- CreateIndex
CREATE INDEX "Finding_engagementId_status_severityRank_id_idx" ON "Finding"("engagementId", "status", "severityRank", "id");

-- CreateIndex
CREATE INDEX "Finding_engagementId_hostId_idx" ON "Finding"("engagementId", "hostId");

-- CreateIndex
CREATE INDEX "Finding_engagementId_ruleId_idx" ON "Finding"("engagementId", "ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_engagementId_fingerprint_key" ON "Finding"("engagementId", "fingerprint");

-- CreateIndex
CREATE INDEX "FindingEvent_findingId_at_idx" ON "FindingEvent"("findingId", "at");

-- AddForeignKey
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_acceptanceRequestedById_fkey" FOREIGN KEY ("acceptanceRequestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_acceptanceApprovedById_fkey" FOREIGN KEY ("acceptanceApprovedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingEvent" ADD CONSTRAINT "FindingEvent_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingEvent" ADD CONSTRAINT "FindingEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Finding_searchText_idx" ON "Finding" USING GIN ("searchText" gin_trgm_ops);
