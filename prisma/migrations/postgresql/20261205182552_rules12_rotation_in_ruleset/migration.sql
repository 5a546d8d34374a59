/*
  Warnings:

  - You are about to drop the column `rotationPolicy` on the `Bloc` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Bloc" DROP COLUMN "rotationPolicy";
