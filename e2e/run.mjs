#!/usr/bin/env node
// Runs the browser suite with Debian's Chromium. Without it, a local run says how to get it and
// skips; in CI (CI=true) a missing browser is a failure, never a silent pass.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const message = `e2e: no Chromium at ${chromium} (install it with: sudo apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === "true") {
    console.error(`${message}; failing because CI=true`);
    process.exit(1);
  }
  console.warn(`${message}; browser tests SKIPPED`);
  process.exit(0);
}
const playwright = fileURLToPath(new URL("./node_modules/.bin/playwright", import.meta.url));
const result = spawnSync(playwright, ["test", ...process.argv.slice(2)], { stdio: "inherit" });
if (result.error) console.error(`e2e: could not start Playwright: ${result.error.message}`);
process.exit(result.status ?? 1);
