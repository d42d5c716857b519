-- AlterTable
ALTER TABLE "step_runs" ADD COLUMN     "job_id" TEXT;
