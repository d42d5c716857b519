-- CreateEnum
CREATE TYPE "run_data_source" AS ENUM ('offline', 'tiktok');

-- AlterTable: runs recorded before this column all read the offline provider.
ALTER TABLE "workflow_runs" ADD COLUMN     "data_source" "run_data_source" NOT NULL DEFAULT 'offline';
