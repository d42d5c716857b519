ALTER TYPE "tiktok_brief_outcome" ADD VALUE 'competitor_scan';
