-- CreateTable
CREATE TABLE "StorefrontSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "buttonColor" TEXT NOT NULL DEFAULT '#1f4d3a',
    "textColor" TEXT NOT NULL DEFAULT '#ffffff',
    "launcherPosition" TEXT NOT NULL DEFAULT 'bottom_right',
    "texts" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

