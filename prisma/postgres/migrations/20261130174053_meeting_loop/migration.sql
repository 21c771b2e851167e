-- CreateTable
CREATE TABLE "MeetingNote" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "metric" TEXT,
    "segment" TEXT,
    "text" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "periodFrom" TEXT NOT NULL,
    "periodTo" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAction" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "dueDay" TEXT,
    "metric" TEXT,
    "segment" TEXT,
    "baseValue" DOUBLE PRECISION,
    "baseDay" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "metrics" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingCounter" (
    "workspaceId" TEXT NOT NULL,
    "actions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MeetingCounter_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateIndex
CREATE INDEX "MeetingNote_workspaceId_periodFrom_idx" ON "MeetingNote"("workspaceId", "periodFrom");

-- CreateIndex
CREATE INDEX "MeetingAction_workspaceId_status_idx" ON "MeetingAction"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAction_workspaceId_number_key" ON "MeetingAction"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "MeetingDecision_workspaceId_createdAt_idx" ON "MeetingDecision"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "MeetingNote" ADD CONSTRAINT "MeetingNote_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAction" ADD CONSTRAINT "MeetingAction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDecision" ADD CONSTRAINT "MeetingDecision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
