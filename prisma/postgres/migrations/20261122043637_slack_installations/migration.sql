-- CreateTable
CREATE TABLE "SlackInstallation" (
    "key" TEXT NOT NULL,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "botUserId" TEXT,
    "installerUserId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("key")
);
