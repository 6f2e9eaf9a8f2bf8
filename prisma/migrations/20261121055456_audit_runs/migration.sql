-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'CANCELLED');

-- CreateEnum
CREATE TYPE "HostRunStatus" AS ENUM ('QUEUED', 'CONNECTING', 'DISCOVERING', 'FORENSICS', 'DONE', 'FAILED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "hostKeyApprovedAt" TIMESTAMP(3),
ADD COLUMN     "hostKeyApprovedById" TEXT,
ADD COLUMN     "hostKeyPinnedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "engagementId" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'QUEUED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledById" TEXT,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostRun" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "status" "HostRunStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "failureReason" TEXT,
    "error" TEXT,
    "presentedFingerprint" TEXT,
    "firstContact" BOOLEAN NOT NULL DEFAULT false,
    "inventory" JSONB,

    CONSTRAINT "HostRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "commandId" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "stdout" TEXT NOT NULL,
    "stderr" TEXT NOT NULL,
    "exitCode" INTEGER,
    "outcome" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,
    "redacted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Listener" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "proto" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "interface" TEXT,
    "port" INTEGER NOT NULL,
    "family" TEXT NOT NULL,
    "bindScope" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "processes" JSONB NOT NULL DEFAULT '[]',
    "processInfoHidden" BOOLEAN NOT NULL DEFAULT false,
    "pid" INTEGER,
    "processName" TEXT,
    "exe" TEXT,
    "exeDeleted" BOOLEAN NOT NULL DEFAULT false,
    "cmdline" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "cwd" TEXT,
    "user" TEXT,
    "uid" INTEGER,
    "ppid" INTEGER,
    "parentCmdline" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "systemdUnit" TEXT,
    "containerId" TEXT,
    "publishedBy" JSONB,
    "processStartedAt" TEXT,
    "ownerHidden" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Listener_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "load" TEXT NOT NULL,
    "active" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Container" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "runtime" TEXT NOT NULL,
    "containerId" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL,
    "ports" JSONB NOT NULL DEFAULT '[]',
    "command" TEXT,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Container_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CronJob" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "user" TEXT,
    "command" TEXT NOT NULL,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "CronJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Timer" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "activates" TEXT,
    "next" TEXT,
    "last" TEXT,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "Timer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirewallRule" (
    "id" TEXT NOT NULL,
    "hostRunId" TEXT NOT NULL,
    "tool" TEXT NOT NULL,
    "chain" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "proto" TEXT,
    "ports" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "source" TEXT,
    "raw" TEXT NOT NULL,
    "evidenceKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "FirewallRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Run_engagementId_createdAt_idx" ON "Run"("engagementId", "createdAt");

-- CreateIndex
CREATE INDEX "HostRun_hostId_finishedAt_idx" ON "HostRun"("hostId", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HostRun_runId_hostId_key" ON "HostRun"("runId", "hostId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_hostRunId_key_key" ON "Evidence"("hostRunId", "key");

-- CreateIndex
CREATE INDEX "Listener_hostRunId_idx" ON "Listener"("hostRunId");

-- CreateIndex
CREATE INDEX "Service_hostRunId_idx" ON "Service"("hostRunId");

-- CreateIndex
CREATE INDEX "Container_hostRunId_idx" ON "Container"("hostRunId");

-- CreateIndex
CREATE INDEX "CronJob_hostRunId_idx" ON "CronJob"("hostRunId");

-- CreateIndex
CREATE INDEX "Timer_hostRunId_idx" ON "Timer"("hostRunId");

-- CreateIndex
CREATE INDEX "FirewallRule_hostRunId_idx" ON "FirewallRule"("hostRunId");

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_hostKeyApprovedById_fkey" FOREIGN KEY ("hostKeyApprovedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostRun" ADD CONSTRAINT "HostRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HostRun" ADD CONSTRAINT "HostRun_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Listener" ADD CONSTRAINT "Listener_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Container" ADD CONSTRAINT "Container_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CronJob" ADD CONSTRAINT "CronJob_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Timer" ADD CONSTRAINT "Timer_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirewallRule" ADD CONSTRAINT "FirewallRule_hostRunId_fkey" FOREIGN KEY ("hostRunId") REFERENCES "HostRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
