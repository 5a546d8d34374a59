-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "awardType" TEXT NOT NULL,
    "achievementPeriod" TEXT NOT NULL,
    "achievement" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "voteShare" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Proposal_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Proposal" ("achievementPeriod", "attempts", "awardType", "createdAt", "cycleId", "id", "reason", "status", "unitId", "updatedAt", "voteShare") SELECT "achievementPeriod", "attempts", "awardType", "createdAt", "cycleId", "id", "reason", "status", "unitId", "updatedAt", "voteShare" FROM "Proposal";
DROP TABLE "Proposal";
ALTER TABLE "new_Proposal" RENAME TO "Proposal";
CREATE INDEX "Proposal_unitId_awardType_achievementPeriod_idx" ON "Proposal"("unitId", "awardType", "achievementPeriod");
CREATE INDEX "Proposal_status_idx" ON "Proposal"("status");
CREATE UNIQUE INDEX "Proposal_cycleId_unitId_awardType_key" ON "Proposal"("cycleId", "unitId", "awardType");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
