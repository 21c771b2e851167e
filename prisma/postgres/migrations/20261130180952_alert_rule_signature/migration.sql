-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "signature" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "AlertRule_workspaceId_signature_key" ON "AlertRule"("workspaceId", "signature");
