-- CreateTable
CREATE TABLE "MeetingNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "metric" TEXT,
    "segment" TEXT,
    "text" TEXT NOT NULL,
    "value" REAL,
    "periodFrom" TEXT NOT NULL,
    "periodTo" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingNote_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "dueDay" TEXT,
    "metric" TEXT,
    "segment" TEXT,
    "baseValue" REAL,
    "baseDay" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "closedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingAction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "metrics" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingDecision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingCounter" (
    "workspaceId" TEXT NOT NULL PRIMARY KEY,
    "actions" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "MeetingNote_workspaceId_periodFrom_idx" ON "MeetingNote"("workspaceId", "periodFrom");

-- CreateIndex
CREATE INDEX "MeetingAction_workspaceId_status_idx" ON "MeetingAction"("workspaceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAction_workspaceId_number_key" ON "MeetingAction"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "MeetingDecision_workspaceId_createdAt_idx" ON "MeetingDecision"("workspaceId", "createdAt");
