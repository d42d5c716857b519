import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // A guard against a hang, not a speed target: CI runs every package's suite at once on 2 cores.
    testTimeout: 20_000,
  },
});
