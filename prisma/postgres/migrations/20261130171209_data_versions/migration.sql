-- CreateTable
CREATE TABLE "DataVersion" (
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("workspaceId","kind")
);

-- AddForeignKey
ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
