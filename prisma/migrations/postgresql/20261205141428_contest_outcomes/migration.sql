-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "contests" JSONB;
