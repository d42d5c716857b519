// Orchestration figures through PostgreSQL and the job queue: per-step overhead, throughput with
// one and two worker processes, and wall time against the critical path of a parallel DAG.
// Uses DATABASE_URL's server (in a scratch database it drops afterwards) or an embedded one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMockLlm } from "@tiktok-army/core";
import { criticalPathMs, serialSumMs } from "@tiktok-army/core/testing";
import pg from "pg";
import { startEmbeddedPostgres } from "../src/embedded.ts";
import { type Engine, startEngine } from "../src/engine.ts";
import { applyMigrations } from "../src/migrate.ts";
import { startRun } from "../src/runs.ts";
import { waitFor } from "../src/testing/wait.ts";
import { spawnWorker } from "../src/testing/worker-process.ts";
import { BENCH_REGISTRY, CHAIN, DIAMOND, PARALLEL, workspaceWith } from "./bench-agents.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const WORKER_ENTRY = fileURLToPath(new URL("./bench-worker.ts", import.meta.url));

const server = process.env.DATABASE_URL
  ? { url: process.env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), "tta-bench-")), "data") });
const name = `tiktok_army_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = withDatabase(server.url, name);
await applyMigrations(url);

try {
  await overhead();
  await throughput(1);
  await throughput(2);
  await parallelDag();
} finally {
  await new Promise((resolve) => setTimeout(resolve, 500)); // let stopped pools close first
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
  await server.stop();
}

async function overhead() {
  const engine = await benchEngine(4);
  const workspaceId = await workspaceWith(engine, [CHAIN]);
  const gaps: number[] = [];
  for (let i = 0; i < 20; i++) {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: CHAIN.slug,
      handle: "bench",
      targetType: "brand",
    });
    await finished(engine, runId);
    const done = (await engine.store.events(runId)).filter(
      (e) => e.type === "step_succeeded" || e.type === "run_created",
    );
    const times = done.map((e) => Date.parse(e.at));
    for (let j = 1; j < times.length; j++) gaps.push((times[j] ?? 0) - (times[j - 1] ?? 0));
  }
  await engine.stop();
  gaps.sort((a, b) => a - b);
  console.log(`per-step orchestration overhead, 0 ms agents, 10-step chain x 20 runs (${gaps.length} steps)`);
  console.log(`  median ${pct(gaps, 0.5)} ms   p99 ${pct(gaps, 0.99)} ms`);
}

async function throughput(workerCount: number) {
  const api = await benchEngine(0);
  const workspaceId = await workspaceWith(api, [DIAMOND]);
  const workers = await Promise.all(
    Array.from({ length: workerCount }, () => spawnWorker(url, { WORKER_CONCURRENCY: "8" }, WORKER_ENTRY)),
  );
  const started = performance.now();
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, RUNS - i) }, () =>
        startRun(api.store, workspaceId, { slug: DIAMOND.slug, handle: "bench", targetType: "brand" }),
      ),
    );
    runIds.push(...batch.map((b) => b.runId));
  }
  await waitFor(
    async () => {
      const done = await api.prisma.workflowRun.count({ where: { workspaceId, status: "succeeded" } });
      return done === RUNS ? true : undefined;
    },
    "all runs",
    600_000,
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.kill()));
  await api.stop();
  const steps = RUNS * DIAMOND.steps.length;
  console.log(
    `throughput, ${RUNS} runs of a 4-step diamond started at once, ${workerCount} worker process(es) x 8`,
  );
  console.log(`  ${steps} steps in ${seconds.toFixed(1)} s = ${(steps / seconds).toFixed(0)} steps/s`);
}

async function parallelDag() {
  const engine = await benchEngine(8);
  const workspaceId = await workspaceWith(engine, [PARALLEL]);
  const walls: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: PARALLEL.slug,
      handle: "bench",
      targetType: "brand",
    });
    await finished(engine, runId);
    const events = await engine.store.events(runId);
    const at = (type: string) => Date.parse(events.find((e) => e.type === type)?.at ?? "");
    walls.push(at("run_succeeded") - at("run_created"));
  }
  await engine.stop();
  const critical = criticalPathMs();
  const serial = serialSumMs();
  const wall = pct(
    walls.sort((a, b) => a - b),
    0.5,
  );
  console.log("12-step parallel DAG through the queue (median of 5 runs, one process, 8 workers)");
  console.log(
    `  critical path ${critical} ms, wall ${wall} ms, wall / critical path ${(wall / critical).toFixed(3)}`,
  );
  console.log(`  serial sum ${serial} ms, serial / critical path ${(serial / critical).toFixed(3)}`);
}

function benchEngine(concurrency: number): Promise<Engine> {
  return startEngine({ connectionString: url, llm: createMockLlm(), registry: BENCH_REGISTRY, concurrency });
}

function finished(engine: Engine, runId: string) {
  return waitFor(async () => {
    const run = await engine.prisma.workflowRun.findUnique({
      where: { id: runId },
      select: { status: true },
    });
    return run && run.status !== "running" ? run : undefined;
  }, `run ${runId}`);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function withDatabase(connectionString: string, database: string): string {
  const u = new URL(connectionString);
  u.pathname = `/${database}`;
  return u.toString();
}
