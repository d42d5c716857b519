import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Starts the PostgreSQL server that createTestDatabase() uses when DATABASE_URL is not set.
    globalSetup: ["./vitest.global-setup.ts"],
    // A hang guard, not a speed target: CI runs every suite at once on 2 cores, and some spawn processes.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
