import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // @tiktok-army/db's: starts the PostgreSQL server createTestDatabase() uses when DATABASE_URL is not set.
    globalSetup: ["../../packages/db/vitest.global-setup.ts"],
    // A hang guard, not a speed target: CI runs every suite at once on 2 cores, and some spawn processes.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
