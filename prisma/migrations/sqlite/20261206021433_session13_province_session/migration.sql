-- CreateTable
CREATE TABLE "ProvinceSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provinceId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "submissionDeadline" DATETIME NOT NULL,
    "view" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProvinceSession_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProvinceSession_provinceId_year_n_key" ON "ProvinceSession"("provinceId", "year", "n");
