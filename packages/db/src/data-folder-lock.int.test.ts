import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DataFolderInUseError } from "./data-folder-lock.ts";
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from "./embedded.ts";

const EMBEDDED = fileURLToPath(new URL("./embedded.ts", import.meta.url));

let folder: string;
let dataDir: string;
/** The lock file of a server that ran on dataDir. */
let lockFile: string;

// One initialised folder for all tests; each leaves it stopped.
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "tiktok-army-lock-"));
  dataDir = path.join(folder, "pg");
  const server = await startEmbeddedPostgres({ dataDir });
  lockFile = await readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  await server.stop();
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Starts a server on dataDir and collects what it logs. */
async function start(): Promise<{ server: EmbeddedPostgresServer; log: string[] }> {
  const log: string[] = [];
  const server = await startEmbeddedPostgres({ dataDir, log: (msg) => log.push(msg) });
  return { server, log };
}

/** The pid of a process that has just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid as number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the data folder's lock", () => {
  test.each([
    ["a process that is gone", deadPid],
    ["a process that is not PostgreSQL (its pid was reused)", async () => process.pid],
  ])("left naming %s, is removed and the server starts", async (_, pid) => {
    const stalePid = await pid();
    await writeFile(path.join(dataDir, "postmaster.pid"), lockFile.replace(/^\d+/, String(stalePid)));

    const { server, log } = await start();
    await server.stop();

    expect(log).toContainEqual(
      expect.stringContaining(`removed the lock file of a PostgreSQL server that is gone (pid ${stalePid})`),
    );
  });

  test("held by a running server, refuses with that server's pid and command line", async () => {
    const { server: holder } = await start();
    const holderPid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    try {
      const second = startEmbeddedPostgres({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
      await expect(second).rejects.toThrow(
        new RegExp(
          `^the PostgreSQL data folder ${dataDir} is in use by process ${holderPid} \\(\\S*postgres -D ${dataDir} `,
        ),
      );
    } finally {
      await holder.stop();
    }
  });

  test("held by a server whose process was killed, stops that server and starts", async () => {
    // A process that starts a server and is then killed with SIGKILL: no exit handler runs.
    const owner = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { startEmbeddedPostgres } from ${JSON.stringify(EMBEDDED)};
         await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
         console.log("started");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((resolve, reject) => {
      owner.stdout.on("data", resolve);
      owner.once("exit", reject);
    });
    const leftover = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    owner.kill("SIGKILL");
    await new Promise((resolve) => owner.once("exit", resolve));
    expect(isAlive(leftover)).toBe(true);

    const { server, log } = await start();
    await server.stop();

    expect(log).toContainEqual(
      expect.stringContaining(
        `stopping the PostgreSQL server (pid ${leftover}) that process ${owner.pid}, now gone`,
      ),
    );
  });
});
