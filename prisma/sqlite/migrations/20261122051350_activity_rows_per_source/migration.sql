-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActivityDay" (
    "workspaceId" TEXT NOT NULL,
    "userKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "sourceRef" TEXT NOT NULL DEFAULT '',
    "segment" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "revenue" REAL NOT NULL DEFAULT 0,

    PRIMARY KEY ("workspaceId", "userKey", "day", "sourceRef"),
    CONSTRAINT "ActivityDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ActivityDay" ("day", "events", "revenue", "segment", "sourceRef", "userKey", "workspaceId") SELECT "day", "events", "revenue", "segment", coalesce("sourceRef", '') AS "sourceRef", "userKey", "workspaceId" FROM "ActivityDay";
DROP TABLE "ActivityDay";
ALTER TABLE "new_ActivityDay" RENAME TO "ActivityDay";
CREATE INDEX "ActivityDay_workspaceId_day_idx" ON "ActivityDay"("workspaceId", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
