import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "tta-main-test-"));
  folders.push(folder);
  return folder;
}

/** Runs `main.ts` (the way `npm start` ends up running it) until it exits; its JSON log lines. */
function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; logs: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const logs = stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code, logs });
    });
  });
}

describe("main.ts", () => {
  test("exits 1 when the embedded PostgreSQL cannot start", async () => {
    const dataDir = await tempDir();
    // The server's data folder is DATA_DIR/pg: a file there cannot become one.
    await writeFile(path.join(dataDir, "pg"), "not a folder");

    const { code, logs } = await runMain({ DATABASE_URL: "", DATA_DIR: dataDir });

    expect(logs).toContainEqual(expect.objectContaining({ level: "error", msg: "failed to start" }));
    expect(code).toBe(1);
  });
});
