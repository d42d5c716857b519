import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("../../apps/server/", import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  /** Where it listens, e.g. `http://127.0.0.1:43211`. */
  url: string;
  /** SIGTERM, then waits for it to exit and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts the real server (`apps/server/src/main.ts`) as a child process: embedded PostgreSQL in a
 * fresh data folder, a free port, no workers. Resolves once it logs `"msg":"listening"`.
 */
export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "tta-dashboard-bench-"));
  // cwd: `--import tsx` resolves from there, and apps/server depends on tsx.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "", WORKER_CONCURRENCY: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = once(child, "exit");

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      // The server stops on its own when this process is gone, but not waiting forever here.
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("the server did not listen within 2 min")),
        START_TIMEOUT_MS,
      );
      // Reading every line to the end also keeps the pipe drained: the server logs each request.
      createInterface({ input: child.stdout }).on("line", (line) => {
        const entry = parseLogLine(line);
        if (entry?.msg !== "listening" || typeof entry.url !== "string") return;
        clearTimeout(timer);
        resolve(entry.url);
      });
      void exited.then(([code]) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
      });
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
