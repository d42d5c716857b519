import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: [fileURLToPath(import.meta.resolve("@tiktok-army/db/vitest-global-setup"))],
    // A hang guard, not a speed target: CI runs every suite at once on 2 cores, and some spawn processes.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
