-- AlterTable
ALTER TABLE "Member" ADD COLUMN "firstAdmin" BOOLEAN;

-- CreateIndex
CREATE UNIQUE INDEX "Member_workspaceId_firstAdmin_key" ON "Member"("workspaceId", "firstAdmin");
