import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";

const SERVER_DIR = fileURLToPath(new URL("../", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The last command of the root package.json's `start` script: the server, through the pnpm wrapper. */
const START_SERVER = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts.start as string
)
  .split("&&")
  .at(-1)
  ?.trim()
  .split(/\s+/) as string[];

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "tta-main-test-"));
  folders.push(folder);
  return folder;
}

type Logs = Record<string, unknown>[];

/**
 * Runs `command` in `cwd` in a process group of its own, with `env`, until it exits (and so does the
 * server, which keeps stdout open); `onLog` sees each JSON log line as it comes.
 */
function run(
  cwd: string,
  command: string[],
  env: Record<string, string>,
  onLog: (entry: Record<string, unknown>, pid: number) => void = () => {},
): Promise<{ code: number | null; logs: Logs }> {
  const child = spawn(command[0] as string, command.slice(1), {
    cwd,
    detached: true,
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const logs: Logs = [];
  let buffer = "";
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter((l) => l.startsWith("{"))) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      onLog(entry, child.pid as number);
    }
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, logs }));
  });
}

const runMain = (env: Record<string, string>) =>
  run(SERVER_DIR, [process.execPath, "--import", "tsx", "src/main.ts"], env);

describe("main.ts", () => {
  test("exits 1 when the embedded PostgreSQL cannot start", async () => {
    const dataDir = await tempDir();
    // The server's data folder is DATA_DIR/pg: a file there cannot become one.
    await writeFile(path.join(dataDir, "pg"), "not a folder");

    const { code, logs } = await runMain({ DATABASE_URL: "", DATA_DIR: dataDir });

    expect(logs).toContainEqual(expect.objectContaining({ level: "error", msg: "failed to start" }));
    expect(code).toBe(1);
  });

  // What `npm start` runs: every process of the group gets the signal, and the wrapper and pnpm pass
  // it on as well.
  test.each(["SIGTERM", "SIGINT"] as const)(
    "%s to the process group of `npm start`'s server command stops it once, gracefully, with exit code 0",
    async (signal) => {
      const { code, logs } = await run(
        REPO_ROOT,
        START_SERVER,
        { DATABASE_URL: "", DATA_DIR: await tempDir() },
        (entry, pid) => {
          if (entry.msg === "listening") process.kill(-pid, signal);
        },
      );

      expect(logs.filter((entry) => entry.msg === "stopping")).toEqual([
        expect.objectContaining({ reason: signal }),
      ]);
      expect(logs).not.toContainEqual(expect.objectContaining({ msg: "second signal: exiting now" }));
      expect(logs.at(-1)).toMatchObject({ msg: "stopped" });
      expect(code).toBe(0);
    },
    60_000,
  );
});
