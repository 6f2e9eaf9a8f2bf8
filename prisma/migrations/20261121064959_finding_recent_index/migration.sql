-- CreateIndex
CREATE INDEX "Finding_engagementId_lastSeenAt_id_idx" ON "Finding"("engagementId", "lastSeenAt" DESC, "id");
