-- CreateTable
CREATE TABLE "ProvinceSession" (
    "id" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "submissionDeadline" TIMESTAMP(3) NOT NULL,
    "view" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProvinceSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProvinceSession_provinceId_year_n_key" ON "ProvinceSession"("provinceId", "year", "n");

-- AddForeignKey
ALTER TABLE "ProvinceSession" ADD CONSTRAINT "ProvinceSession_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
