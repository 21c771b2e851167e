-- CreateTable
CREATE TABLE "SlackInstallation" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "teamId" TEXT,
    "enterpriseId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "botUserId" TEXT,
    "installerUserId" TEXT,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
