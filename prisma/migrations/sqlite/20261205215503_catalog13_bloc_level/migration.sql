-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Bloc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "ruleSetCode" TEXT NOT NULL,
    "headUnitId" TEXT,
    "deputyUnitId" TEXT,
    "level" TEXT NOT NULL DEFAULT 'province',
    "authorityName" TEXT,
    "signerName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Bloc_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Bloc_headUnitId_fkey" FOREIGN KEY ("headUnitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Bloc_deputyUnitId_fkey" FOREIGN KEY ("deputyUnitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Bloc" ("code", "createdAt", "deputyUnitId", "headUnitId", "id", "name", "provinceId", "ruleSetCode", "updatedAt") SELECT "code", "createdAt", "deputyUnitId", "headUnitId", "id", "name", "provinceId", "ruleSetCode", "updatedAt" FROM "Bloc";
DROP TABLE "Bloc";
ALTER TABLE "new_Bloc" RENAME TO "Bloc";
CREATE UNIQUE INDEX "Bloc_code_key" ON "Bloc"("code");
CREATE INDEX "Bloc_provinceId_idx" ON "Bloc"("provinceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
