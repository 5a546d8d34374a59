-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "meetings" JSONB;
