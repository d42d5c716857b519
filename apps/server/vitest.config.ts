import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // @tiktok-army/db's: starts the PostgreSQL server createTestDatabase() uses when DATABASE_URL is not set.
    globalSetup: ["../../packages/db/vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
