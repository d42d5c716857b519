import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER_ENTRY = fileURLToPath(new URL("../cli/worker.ts", import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Every JSON log line the worker printed so far. */
  logs: Record<string, unknown>[];
  /** Sends a signal and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `src/cli/worker.ts` (or another entry that logs the same) as a separate OS process and resolves once it is taking jobs. */
export async function spawnWorker(
  databaseUrl: string,
  env: Record<string, string> = {},
  entry: string = WORKER_ENTRY,
): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CLAUDE_MODE: "mock", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === "worker ready") resolve();
        } catch {
          // not a log line
        }
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`worker exited with ${code} before it was ready:\n${stderr}`)),
    );
  });
  return {
    pid: child.pid as number,
    logs,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
