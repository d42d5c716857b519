-- AlterTable
ALTER TABLE "briefs" ADD COLUMN     "params" JSONB;
