// This project's engine side by side with pg-boss alone, graphile-worker and a plain-pg floor, on one
// PostgreSQL server (DATABASE_URL's, else an embedded one), each in its own scratch database, running
// the same 4-step chains of no-op steps. Prints each figure with its goal and PASS/FAIL.
// BENCH_RUNS (chains in the throughput test, default 500) and BENCH_REPS (default 3) shrink it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { DBOSClient } from "@dbos-inc/dbos-sdk";
import { AgentRegistry, createMockLlm, defineWorkflow, type WorkflowDef } from "@tiktok-army/core";
import { criticalPathMs, fakeAgent } from "@tiktok-army/core/testing";
import { Logger, makeWorkerUtils, runMigrations } from "graphile-worker";
import pg from "pg";
import PgBoss from "pg-boss";
import { startEmbeddedPostgres } from "../src/embedded.ts";
import { type Engine, startEngine } from "../src/engine.ts";
import { applyMigrations } from "../src/migrate.ts";
import { startRun } from "../src/runs.ts";
import { waitFor } from "../src/testing/wait.ts";
import { spawnWorker, type WorkerProcess } from "../src/testing/worker-process.ts";
import { BENCH_REGISTRY, benchChain, PARALLEL, workspaceWith } from "./bench-agents.ts";
import { CHAIN_STEPS, DBOS_QUEUE, DBOS_WORKFLOW, PGBOSS_QUEUE, PLAIN_SCHEMA } from "./contender-worker.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Chains run one after another to read the step gap. */
const GAP_CHAINS = 15;
const silent = new Logger(() => () => {});
const WORKER_ENTRY = fileURLToPath(new URL("./contender-worker.ts", import.meta.url));

const CHAIN4 = benchChain(CHAIN_STEPS);
const CHAIN200 = benchChain(200);

interface Sample {
  gapMs: number;
  stepsPerSecond: number;
  cpuMsPerStep: number;
}

/** What the bench needs from a contender, in the bench's own process. */
interface Contender {
  name: string;
  url: string;
  /** Queues `count` chains' first steps. */
  enqueue(count: number): Promise<void>;
  /** Resolves when the chains of the last `enqueue` have all finished. */
  drained(): Promise<unknown>;
  /** The starts of each step of one chain, run alone, in ms. */
  chainStarts(worker: WorkerProcess, chainNo: number): Promise<number[]>;
  close(): Promise<void>;
}

const server = process.env.DATABASE_URL
  ? { url: process.env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), "tta-bench-")), "data") });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();
const scratch: string[] = [];

try {
  const engine = await engineContender();
  const contenders = [
    engine,
    await pgBossContender(),
    await graphileContender(),
    await dbosContender(),
    await plainContender(),
  ];
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  const engineGap200: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    // Alternate the order so no contender always runs on a warmer (or busier) server.
    const order = rep % 2 === 0 ? contenders : [...contenders].reverse();
    for (const c of order) {
      console.error(`rep ${rep + 1}/${REPS}: ${c.name}`);
      samples.get(c.name)?.push(await measure(c, rep));
      if (c === engine) engineGap200.push(await engine.longChainGap());
    }
  }
  console.error("fan-out statements");
  const fanOut = await fanOutStatements();
  console.error("12-step DAG");
  const dag = await parallelDagRatio();
  for (const c of contenders) await c.close();
  report(samples, engineGap200, fanOut, dag);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await sleep(500); // let stopped pools close first
  for (const name of scratch) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
  await server.stop();
}

async function scratchDatabase(label: string): Promise<string> {
  const name = `tiktok_army_bench_${label}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  scratch.push(name);
  const u = new URL(server.url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function measure(c: Contender, rep: number): Promise<Sample> {
  const env = (extra: Record<string, string>) => ({
    BENCH_CONTENDER: c.name === "this project" ? "engine" : c.name,
    WORKER_CONCURRENCY: "8",
    ...extra,
  });
  // Step gap: chains one at a time through one worker process.
  const tracer = await spawnWorker(c.url, env({ BENCH_TRACE: "1" }), WORKER_ENTRY);
  const gaps: number[] = [];
  for (let i = 0; i <= GAP_CHAINS; i++) {
    const starts = await c.chainStarts(tracer, rep * (GAP_CHAINS + 1) + i);
    if (i === 0) continue; // warm-up
    for (let j = 1; j < starts.length; j++) gaps.push((starts[j] ?? 0) - (starts[j - 1] ?? 0));
  }
  await tracer.kill();

  // Throughput and CPU: RUNS chains queued at once, two worker processes x 8.
  const workers = await Promise.all([0, 1].map(() => spawnWorker(c.url, env({}), WORKER_ENTRY)));
  const cpuBefore = await Promise.all(workers.map(cpuMs));
  const started = performance.now();
  await c.enqueue(RUNS);
  await c.drained();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(workers.map(cpuMs));
  await Promise.all(workers.map((w) => w.kill()));
  const steps = RUNS * CHAIN_STEPS;
  const cpu = cpuAfter.reduce((sum, ms, i) => sum + ms - (cpuBefore[i] ?? 0), 0);
  return { gapMs: median(gaps), stepsPerSecond: steps / seconds, cpuMsPerStep: cpu / steps };
}

/** The worker's user + system CPU time so far, in ms (it prints it on SIGUSR2). */
async function cpuMs(worker: WorkerProcess): Promise<number> {
  const seen = worker.logs.length;
  process.kill(worker.pid, "SIGUSR2");
  const line = await waitFor(
    async () => worker.logs.slice(seen).find((l) => l.msg === "cpu"),
    "the worker's CPU time",
  );
  return (Number(line.user) + Number(line.system)) / 1000;
}

/** Reads one library chain's step starts from the tracing worker's log. */
async function tracedStarts(worker: WorkerProcess, chainNo: number): Promise<number[]> {
  const steps = await waitFor(async () => {
    const mine = worker.logs.filter((l) => l.msg === "step" && l.chain === chainNo);
    return mine.length === CHAIN_STEPS ? mine : undefined;
  }, `chain ${chainNo}`);
  await sleep(20); // the last step's completion, before the next chain starts
  return steps.sort((a, b) => Number(a.idx) - Number(b.idx)).map((l) => Number(l.t));
}

async function engineContender(): Promise<Contender & { longChainGap(): Promise<number> }> {
  const url = await scratchDatabase("engine");
  await applyMigrations(url);
  const api = await startEngine({
    connectionString: url,
    llm: createMockLlm(),
    registry: BENCH_REGISTRY,
    concurrency: 0,
  });
  const workspaceId = await workspaceWith(api, [CHAIN4, CHAIN200]);
  const start = (w: WorkflowDef) =>
    startRun(api.store, workspaceId, { slug: w.slug, handle: "bench", targetType: "brand" });
  const finished = () => api.prisma.workflowRun.count({ where: { workspaceId, status: { not: "running" } } });
  let target = 0;
  return {
    name: "this project",
    url,
    async enqueue(count) {
      target = (await finished()) + count;
      for (let i = 0; i < count; i += 25)
        await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => start(CHAIN4)));
    },
    drained: () =>
      waitFor(async () => ((await finished()) >= target ? true : undefined), "all runs", 1_200_000),
    chainStarts: async () => runStarts(api, (await start(CHAIN4)).runId),
    /** Median step gap of one 200-step chain: the per-step cost when a run has many steps. */
    async longChainGap() {
      const worker = await spawnWorker(
        url,
        { BENCH_CONTENDER: "engine", WORKER_CONCURRENCY: "8" },
        WORKER_ENTRY,
      );
      const starts = await runStarts(api, (await start(CHAIN200)).runId, 600_000);
      await worker.kill();
      return median(starts.slice(1).map((t, i) => t - (starts[i] ?? 0)));
    },
    close: () => api.stop(),
  };
}

/** Step starts of one run, from its `step_started` events, once it has finished. */
async function runStarts(engine: Engine, runId: string, timeoutMs = 60_000): Promise<number[]> {
  await waitFor(
    async () => {
      const run = await engine.prisma.workflowRun.findUnique({
        where: { id: runId },
        select: { status: true },
      });
      return run && run.status !== "running" ? run : undefined;
    },
    `run ${runId}`,
    timeoutMs,
  );
  return (await engine.store.events(runId))
    .filter((e) => e.type === "step_started")
    .map((e) => Date.parse(e.at));
}

async function pgBossContender(): Promise<Contender> {
  const url = await scratchDatabase("pgboss");
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 4 });
  boss.on("error", (error) => console.error(`pg-boss: ${error.message}`));
  await boss.start();
  await boss.createQueue(PGBOSS_QUEUE);
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {}); // dropping the scratch database ends it
  await db.connect();
  const completed = async () =>
    Number(
      (
        await db.query(`SELECT count(*) FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [
          PGBOSS_QUEUE,
        ])
      ).rows[0].count,
    );
  let target = 0;
  return {
    name: "pg-boss",
    url,
    async enqueue(count) {
      target = (await completed()) + count * CHAIN_STEPS;
      await boss.insert(
        Array.from({ length: count }, (_, i) => ({ name: PGBOSS_QUEUE, data: { chain: -1 - i, idx: 0 } })),
      );
      await db.query(`NOTIFY bench_wake`);
    },
    drained: () =>
      waitFor(async () => ((await completed()) >= target ? true : undefined), "pg-boss jobs", 1_200_000),
    async chainStarts(worker, chainNo) {
      await boss.send(PGBOSS_QUEUE, { chain: chainNo, idx: 0 });
      await db.query(`NOTIFY bench_wake`);
      return tracedStarts(worker, chainNo);
    },
    async close() {
      await db.end();
      await boss.stop({ graceful: false, wait: false });
    },
  };
}

async function graphileContender(): Promise<Contender> {
  const url = await scratchDatabase("graphile");
  await runMigrations({ connectionString: url, logger: silent });
  const utils = await makeWorkerUtils({ connectionString: url, logger: silent });
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {}); // dropping the scratch database ends it
  await db.connect();
  // Finished jobs are deleted: the queue is drained when no job is left.
  const left = async () =>
    Number((await db.query("SELECT count(*) FROM graphile_worker.jobs")).rows[0].count);
  return {
    name: "graphile-worker",
    url,
    async enqueue(count) {
      await utils.addJobs(
        Array.from({ length: count }, (_, i) => ({ identifier: "step", payload: { chain: -1 - i, idx: 0 } })),
      );
    },
    drained: () =>
      waitFor(async () => ((await left()) === 0 ? true : undefined), "graphile-worker jobs", 1_200_000),
    async chainStarts(worker, chainNo) {
      await utils.addJob("step", { chain: chainNo, idx: 0 });
      return tracedStarts(worker, chainNo);
    },
    async close() {
      await db.end();
      await utils.release();
    },
  };
}

async function dbosContender(): Promise<Contender> {
  const url = await scratchDatabase("dbos");
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {}); // dropping the scratch database ends it
  await db.connect();
  // DBOS creates its schema when a worker launches: the client is made on first use, after that.
  let client: DBOSClient | undefined;
  const enqueue = async (chainNo: number) => {
    client ??= await DBOSClient.create({ systemDatabaseUrl: url });
    await client.enqueue(
      { workflowName: DBOS_WORKFLOW, queueName: DBOS_QUEUE, appVersion: "bench" },
      chainNo,
    );
  };
  const succeeded = async () =>
    Number(
      (await db.query(`SELECT count(*) FROM dbos.workflow_status WHERE status = 'SUCCESS'`)).rows[0].count,
    );
  let target = 0;
  return {
    name: "DBOS",
    url,
    async enqueue(count) {
      target = (await succeeded()) + count;
      for (let i = 0; i < count; i += 25)
        await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => enqueue(-1 - i - j)));
    },
    drained: () =>
      waitFor(async () => ((await succeeded()) >= target ? true : undefined), "DBOS workflows", 1_200_000),
    async chainStarts(worker, chainNo) {
      await enqueue(chainNo);
      return tracedStarts(worker, chainNo);
    },
    async close() {
      await client?.destroy();
      await db.end();
    },
  };
}

async function plainContender(): Promise<Contender> {
  const url = await scratchDatabase("plain");
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {}); // dropping the scratch database ends it
  await db.connect();
  await db.query(PLAIN_SCHEMA);
  const doneSteps = async () =>
    Number((await db.query(`SELECT count(*) FROM bench_steps WHERE status = 'done'`)).rows[0].count);
  let target = 0;
  return {
    name: "plain pg",
    url,
    async enqueue(count) {
      target = (await doneSteps()) + count * CHAIN_STEPS;
      await db.query("INSERT INTO bench_steps (chain, idx) SELECT -g, 0 FROM generate_series(1, $1::int) g", [
        count,
      ]);
    },
    drained: () =>
      waitFor(async () => ((await doneSteps()) >= target ? true : undefined), "plain steps", 1_200_000),
    async chainStarts(worker, chainNo) {
      await db.query("INSERT INTO bench_steps (chain, idx) VALUES ($1, 0)", [chainNo]);
      return tracedStarts(worker, chainNo);
    },
    close: () => db.end(),
  };
}

/**
 * Statements the engine sends to queue a fan-out's children: counted by wrapping node-postgres's
 * Client.query (Prisma's adapter and pg-boss both go through it) from the end of the root step's
 * handler to the start of the first child's. The same window with one child is the baseline, so the
 * difference is what each extra child costs.
 */
async function fanOutStatements(): Promise<{ one: number; many: number; children: number }> {
  let counting = false;
  let count = 0;
  let counted = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counting) count += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const registry = new AgentRegistry([
    fakeAgent({
      name: "fan_root",
      run: () => {
        count = 0;
        counting = true;
        return { value: "root" };
      },
    }),
    fakeAgent({
      name: "fan_child",
      run: () => {
        if (counting) counted = count;
        counting = false;
        return { value: "child" };
      },
    }),
  ]);
  const fan = (children: number) =>
    defineWorkflow(
      {
        slug: `bench_fan_${children}`,
        name: `Bench fan-out of ${children}`,
        description: "",
        steps: [
          { key: "root", kind: "agent", agentName: "fan_root", label: "root" },
          ...Array.from({ length: children }, (_, i) => ({
            key: `c${i}`,
            kind: "agent" as const,
            agentName: "fan_child",
            label: `c${i}`,
            dependsOn: ["root"],
          })),
        ],
      },
      registry,
    );
  const url = await scratchDatabase("fanout");
  await applyMigrations(url);
  const engine = await startEngine({ connectionString: url, llm: createMockLlm(), registry, concurrency: 1 });
  const children = 200;
  const [one, many] = [fan(1), fan(children)];
  const workspaceId = await workspaceWith(engine, [one, many]);
  const countFor = async (w: WorkflowDef) => {
    counted = 0;
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: w.slug,
      handle: "bench",
      targetType: "brand",
    });
    // Only the window matters: the rest of a 200-child run is left queued (the database is dropped).
    await waitFor(
      async () => (counted > 0 ? counted : undefined),
      `the first child of run ${runId}`,
      600_000,
    );
    return counted;
  };
  try {
    return { one: await countFor(one), many: await countFor(many), children };
  } finally {
    pg.Client.prototype.query = query;
    await engine.stop();
  }
}

/** The 12-step DAG of sleeping steps through the queue: median wall time of 5 runs over its critical path. */
async function parallelDagRatio(): Promise<number> {
  const url = await scratchDatabase("dag");
  await applyMigrations(url);
  const engine = await startEngine({
    connectionString: url,
    llm: createMockLlm(),
    registry: BENCH_REGISTRY,
    concurrency: 8,
  });
  const workspaceId = await workspaceWith(engine, [PARALLEL]);
  const walls: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { runId } = await startRun(engine.store, workspaceId, {
      slug: PARALLEL.slug,
      handle: "bench",
      targetType: "brand",
    });
    await runStarts(engine, runId);
    const events = await engine.store.events(runId);
    const at = (type: string) => Date.parse(events.find((e) => e.type === type)?.at ?? "");
    walls.push(at("run_succeeded") - at("run_created"));
  }
  await engine.stop();
  return median(walls) / criticalPathMs();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function report(
  samples: Map<string, Sample[]>,
  engineGap200: number[],
  fanOut: { one: number; many: number; children: number },
  dagRatio: number,
) {
  const med = (name: string, pick: (s: Sample) => number) => median((samples.get(name) ?? []).map(pick));
  const names = [...samples.keys()];
  const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
  console.log(
    `\nSide by side, medians of ${REPS} repetitions; throughput: ${RUNS} x ${CHAIN_STEPS}-step chains, 2 worker processes x 8`,
  );
  console.log(`| per step | ${names.join(" | ")} |`);
  console.log(`|---|${names.map(() => "---").join("|")}|`);
  console.log(
    `| step start -> next step start (ms) | ${names.map((n) => fmt(med(n, (s) => s.gapMs))).join(" | ")} |`,
  );
  console.log(
    `| throughput (steps/s) | ${names
      .map((n) =>
        fmt(
          med(n, (s) => s.stepsPerSecond),
          0,
        ),
      )
      .join(" | ")} |`,
  );
  console.log(
    `| worker CPU per step (ms) | ${names.map((n) => fmt(med(n, (s) => s.cpuMsPerStep))).join(" | ")} |`,
  );

  const us = "this project";
  const libraries = names.filter((n) => n !== us && n !== "plain pg");
  const gapRatio = med(us, (s) => s.gapMs) / med("graphile-worker", (s) => s.gapMs);
  const best = Math.max(...libraries.map((n) => med(n, (s) => s.stepsPerSecond)));
  const bestName = libraries.find((n) => med(n, (s) => s.stepsPerSecond) === best);
  const cpu = med(us, (s) => s.cpuMsPerStep);
  const gap4 = med(us, (s) => s.gapMs);
  const gap200 = median(engineGap200);
  const perChild = (fanOut.many - fanOut.one) / (fanOut.children - 1);
  const rows: [string, string, string, boolean][] = [
    ["step gap / graphile-worker's", fmt(gapRatio), "<= 1.0", gapRatio <= 1],
    [
      `throughput vs best library (${bestName})`,
      `${fmt(
        med(us, (s) => s.stepsPerSecond),
        0,
      )} vs ${fmt(best, 0)} steps/s`,
      ">= best library",
      med(us, (s) => s.stepsPerSecond) >= best,
    ],
    ["worker CPU per step", `${fmt(cpu)} ms`, "<= 1.5 ms", cpu <= 1.5],
    [
      "per-step cost, 200 / 4 steps per run",
      `${fmt(gap200)} / ${fmt(gap4)} ms = ${fmt(gap200 / gap4)}`,
      "flat (<= 1.10)",
      gap200 / gap4 <= 1.1,
    ],
    [
      `statements to queue a ${fanOut.children}-step fan-out's children`,
      `${fanOut.many} (1 child: ${fanOut.one}; ${fmt(perChild)} per extra child)`,
      "O(1) (<= 0.05 per extra child)",
      perChild <= 0.05,
    ],
    ["12-step DAG wall / critical path", fmt(dagRatio, 3), "<= 1.05", dagRatio <= 1.05],
  ];
  console.log(`\n| this project | measured | goal | |`);
  console.log("|---|---|---|---|");
  for (const [what, value, goal, pass] of rows)
    console.log(`| ${what} | ${value} | ${goal} | ${pass ? "PASS" : "FAIL"} |`);
}
