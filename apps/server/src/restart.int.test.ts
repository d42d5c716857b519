import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@tiktok-army/client";
import type { RunEvent } from "@tiktok-army/core";
import { createTestDatabase, spawnWorker, type WorkerProcess } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let worker: WorkerProcess;
const apis: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Starts the API as its own process (no workers in it) and resolves with its key once listening. */
async function startApiProcess(port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      WORKER_CONCURRENCY: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  apis.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk) => {
      buffer += chunk;
      for (const line of buffer.split("\n")) {
        if (line.includes('"listening"')) resolve(JSON.parse(line).url);
      }
    });
    child.once("exit", (code) => reject(new Error(`API exited with ${code}`)));
  });
  return { child, url };
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "tta-restart-test-"));
  // Slow model replies keep the run going while the API restarts.
  worker = await spawnWorker(db.url, { MOCK_LLM_LATENCY_MS: "400", WORKER_CONCURRENCY: "2" });
});

afterAll(async () => {
  for (const child of apis) child.kill("SIGKILL");
  await worker?.kill();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

it("kills and restarts the API process mid-run; the resumed subscription misses nothing", async () => {
  const port = await freePort();
  const first = await startApiProcess(port);
  const { readFile } = await import("node:fs/promises");
  const apiKey = (await readFile(path.join(dataDir, "local-api-key"), "utf8")).trim();
  const client = createClient({ url: first.url, apiKey });
  const { runId } = await client.workflows.run.mutate({
    slug: "profile_audit",
    handle: "lakucosmetics",
    targetType: "brand",
  });

  const received: { id: string; type: string }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.runs.events.subscribe(
      { runId },
      {
        onData: ({ id, data }) => {
          received.push({ id, type: (data as RunEvent).type });
          if ((data as RunEvent).type === "run_succeeded") resolve();
        },
        onError: reject,
      },
    );
  });
  // Kill the API without warning once the run is under way, then start a new one on the same port.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (received.some((e) => e.type === "step_started")) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));
  await startApiProcess(port);
  await done;

  const ids = received.map((e) => Number(e.id));
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  // Compare with the log itself, read through a fresh subscription.
  const all = await new Promise<number[]>((resolve) => {
    const got: number[] = [];
    const sub = client.runs.events.subscribe(
      { runId },
      {
        onData: ({ id, data }) => {
          got.push(Number(id));
          if ((data as RunEvent).type === "run_succeeded") {
            sub.unsubscribe();
            resolve(got);
          }
        },
      },
    );
  });
  expect(ids).toEqual(all);
  // Two API processes start here, one after the other: on a loaded 2-core machine that alone takes 20 s.
}, 90_000);
