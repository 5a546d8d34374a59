-- CreateTable
CREATE TABLE "RegisterCounter" (
    "register" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "docType" TEXT NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegisterCounter_pkey" PRIMARY KEY ("register","year","docType")
);

-- CreateTable
CREATE TABLE "IssuedDecision" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "awardType" TEXT NOT NULL,
    "register" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "issuerAbbr" TEXT NOT NULL,
    "decisionDate" TIMESTAMP(3) NOT NULL,
    "issuedByPersonId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuedDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDecision_cycleId_awardType_key" ON "IssuedDecision"("cycleId", "awardType");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDecision_register_year_number_key" ON "IssuedDecision"("register", "year", "number");
