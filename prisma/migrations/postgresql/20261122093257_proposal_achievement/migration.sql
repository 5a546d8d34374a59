-- AlterTable
ALTER TABLE "Proposal" ADD COLUMN     "achievement" TEXT NOT NULL DEFAULT '';
