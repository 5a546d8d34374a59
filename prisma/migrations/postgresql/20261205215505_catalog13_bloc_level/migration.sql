-- AlterTable
ALTER TABLE "Bloc" ADD COLUMN     "authorityName" TEXT,
ADD COLUMN     "level" TEXT NOT NULL DEFAULT 'province',
ADD COLUMN     "signerName" TEXT;
