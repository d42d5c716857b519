import { defineConfig } from "vitest/config";

export default defineConfig({
  // Contract tests talk to a real local server; under a full parallel check a call can take seconds.
  test: { include: ["src/**/*.test.ts"], testTimeout: 30_000 },
});
