import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { SANDBOX, SANDBOX_URL } from "./sandbox.ts";
import { EMBEDDED_PG_PORT } from "./server-database.ts";

const PORT = Number(process.env.E2E_PORT ?? 3101);

export default defineConfig({
  testDir: "./tests",
  // One server, one set of approvals: tests run one after the other.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  outputDir: "./test-results",
  reporter: [["list"], ["html", { outputFolder: "./playwright-report", open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  // The product started the way the README starts it, on its own embedded PostgreSQL in a fresh
  // data folder, with model replies slowed down so steps can be watched turning green. A second one
  // runs with TIKTOK_SANDBOX=1: a TikTok app pointed at the local stub, for the connected-account tests.
  webServer: [
    {
      command: "npm start",
      cwd: path.resolve(import.meta.dirname, ".."),
      url: `http://127.0.0.1:${PORT}/readyz`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "tiktok-army-e2e-")),
        DATABASE_URL: "",
        EMBEDDED_PG_PORT: String(EMBEDDED_PG_PORT),
        CLAUDE_MODE: "mock",
        MOCK_LLM_LATENCY_MS: "400",
        MOCK_FAIL_AGENTS: "performance_reviewer",
        STEP_RETRY_BACKOFF_MS: "100",
      },
    },
    {
      command: "npm start",
      cwd: path.resolve(import.meta.dirname, ".."),
      url: `${SANDBOX_URL}/readyz`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        PORT: String(SANDBOX.port),
        DATA_DIR: mkdtempSync(path.join(tmpdir(), "tiktok-army-e2e-sandbox-")),
        DATABASE_URL: "",
        EMBEDDED_PG_PORT: String(SANDBOX.embeddedPgPort),
        CLAUDE_MODE: "mock",
        MOCK_LLM_LATENCY_MS: "100",
        TIKTOK_SANDBOX: "1",
        TIKTOK_SANDBOX_PORT: String(SANDBOX.stubPort),
      },
    },
  ],
});
