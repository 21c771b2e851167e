-- Rows imported before this migration have no source: give them the empty one.
UPDATE "ActivityDay" SET "sourceRef" = '' WHERE "sourceRef" IS NULL;

-- AlterTable
ALTER TABLE "ActivityDay" DROP CONSTRAINT "ActivityDay_pkey",
ALTER COLUMN "sourceRef" SET NOT NULL,
ALTER COLUMN "sourceRef" SET DEFAULT '',
ADD CONSTRAINT "ActivityDay_pkey" PRIMARY KEY ("workspaceId", "userKey", "day", "sourceRef");
