// A worker process of one contender in the side-by-side bench (BENCH_CONTENDER). Every contender runs
// the same 4-step chains whose handlers do nothing but what their engine requires: a library's step
// queues the next one itself. On SIGUSR2 it prints its CPU time so the bench can sum it per step; with
// BENCH_TRACE=1 each library step prints when it started, which is how its step gap is read.
import { setTimeout as sleep } from "node:timers/promises";
import { DBOS } from "@dbos-inc/dbos-sdk";
import { Logger, run } from "graphile-worker";
import pg from "pg";
import PgBoss from "pg-boss";
import { createLogger } from "../src/logger.ts";

export const CHAIN_STEPS = 4;
export const PGBOSS_QUEUE = "bench-step";
/** The NOTIFY channel the pg-boss and plain-pg contenders wake their idle workers with. */
export const WAKE_CHANNEL = "bench_wake";
export const DBOS_APP = "bench";
export const DBOS_QUEUE = "bench_chains";
export const DBOS_WORKFLOW = "chain";

export interface ChainStep {
  chain: number;
  idx: number;
}

export const PLAIN_SCHEMA = `
CREATE TABLE bench_steps (
  id bigserial PRIMARY KEY,
  chain int NOT NULL,
  idx int NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  started_at timestamptz
);
CREATE INDEX bench_steps_queued ON bench_steps (id) WHERE status = 'queued';
CREATE FUNCTION bench_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('${WAKE_CHANNEL}', ''); RETURN NULL; END $$;
CREATE TRIGGER bench_steps_wake AFTER INSERT ON bench_steps FOR EACH ROW EXECUTE FUNCTION bench_wake();`;

const PLAIN_CLAIM = `
UPDATE bench_steps SET status = 'running', started_at = now()
WHERE id = (SELECT id FROM bench_steps WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id, chain, idx`;

const PLAIN_COMPLETE = `
WITH done AS (UPDATE bench_steps SET status = 'done' WHERE id = $1::bigint)
INSERT INTO bench_steps (chain, idx) SELECT $2::int, $3::int WHERE $3::int < $4::int`;

const url = process.env.DATABASE_URL as string;
const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 8);
const trace = process.env.BENCH_TRACE === "1";
const contender = process.env.BENCH_CONTENDER;
const log = createLogger();

// Only when run as a worker entry: the bench imports the constants above from this file too.
if (contender) {
  process.on("SIGUSR2", () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ msg: "cpu", user, system })}\n`);
  });
  if (contender === "engine") await import("./bench-worker.ts");
  else {
    const stop =
      contender === "pg-boss"
        ? await pgBossWorker()
        : contender === "graphile-worker"
          ? await graphileWorker()
          : contender === "DBOS"
            ? await dbosWorker()
            : await plainPgWorker();
    log.info("worker ready");
    process.on("SIGTERM", async () => {
      await stop();
      process.exit(0);
    });
  }
}

function started(step: ChainStep) {
  if (trace)
    process.stdout.write(
      `${JSON.stringify({ msg: "step", ...step, t: performance.timeOrigin + performance.now() })}\n`,
    );
}

async function pgBossWorker(): Promise<() => Promise<void>> {
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: concurrency + 2 });
  boss.on("error", (error) => log.error({ error: error.message }, "pg-boss error"));
  await boss.start();
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i++)
    ids.push(
      await boss.work<ChainStep>(
        PGBOSS_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          if (!job) return;
          started(job.data);
          if (job.data.idx + 1 < CHAIN_STEPS) {
            await boss.send(PGBOSS_QUEUE, { chain: job.data.chain, idx: job.data.idx + 1 });
            await boss.getDb().executeSql(`SELECT pg_notify('${WAKE_CHANNEL}', '')`, []);
          }
        },
      ),
    );
  // pg-boss only polls; a NOTIFY per queued step wakes the idle workers, as the engine does.
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on("notification", () => {
    for (const id of ids) boss.notifyWorker(id);
  });
  await listener.query(`LISTEN ${WAKE_CHANNEL}`);
  return async () => {
    await listener.end();
    await boss.stop({ graceful: false, wait: false });
  };
}

async function graphileWorker(): Promise<() => Promise<void>> {
  const runner = await run({
    connectionString: url,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: new Logger(() => () => {}),
    taskList: {
      step: async (payload, helpers) => {
        const step = payload as ChainStep;
        started(step);
        if (step.idx + 1 < CHAIN_STEPS)
          await helpers.addJob("step", { chain: step.chain, idx: step.idx + 1 });
      },
    },
  });
  return () => runner.stop();
}

/** DBOS keeps a chain as one durable workflow: each step is checkpointed before the next starts. */
async function dbosWorker(): Promise<() => Promise<void>> {
  DBOS.setConfig({
    name: DBOS_APP,
    systemDatabaseUrl: url,
    executorID: `bench-${process.pid}`,
    applicationVersion: "bench",
    runAdminServer: false,
    logLevel: "error",
  });
  DBOS.registerWorkflow(
    async (chainNo: number) => {
      for (let idx = 0; idx < CHAIN_STEPS; idx++)
        await DBOS.runStep(async () => started({ chain: chainNo, idx }), { name: `s${idx}` });
    },
    { name: DBOS_WORKFLOW },
  );
  await DBOS.launch();
  await DBOS.registerQueue(DBOS_QUEUE, { workerConcurrency: concurrency, onConflict: "always_update" });
  return () => DBOS.shutdown();
}

/** The floor: a claim (one UPDATE … SKIP LOCKED) and a completion (one UPDATE + INSERT of the next step). */
async function plainPgWorker(): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  let generation = 0;
  let wakers: (() => void)[] = [];
  listener.on("notification", () => {
    generation += 1;
    for (const wake of wakers) wake();
    wakers = [];
  });
  await listener.query(`LISTEN ${WAKE_CHANNEL}`);
  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      const seen = generation;
      const { rows } = await pool.query<ChainStep & { id: string }>(PLAIN_CLAIM);
      const step = rows[0];
      if (!step) {
        // A notification that came while the claim ran means there may be work already.
        if (seen === generation)
          await Promise.race([new Promise<void>((resolve) => wakers.push(resolve)), sleep(1000)]);
        continue;
      }
      started({ chain: step.chain, idx: step.idx });
      await pool.query(PLAIN_COMPLETE, [step.id, step.chain, step.idx + 1, CHAIN_STEPS]);
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return async () => {
    stopping = true;
    for (const wake of wakers) wake();
    await Promise.allSettled(loops);
    await listener.end();
    await pool.end();
  };
}
