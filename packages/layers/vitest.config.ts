import { defineConfig } from "vitest/config";

// Parsing every source file of the repository takes seconds on a busy 2-core machine.
export default defineConfig({ test: { include: ["src/**/*.test.ts"], testTimeout: 60_000 } });
