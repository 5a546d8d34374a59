-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "tokenVersion" INTEGER NOT NULL DEFAULT 0;
