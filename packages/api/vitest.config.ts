import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: [fileURLToPath(import.meta.resolve("@tiktok-army/db/vitest-global-setup"))],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
