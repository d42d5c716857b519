// A worker process: executes step jobs from the shared queue until SIGTERM/SIGINT. Start as many
// as you like, on any machines, with the same DATABASE_URL.
import { engineEnv, llmFromEnv } from "../config.ts";
import { startEngine } from "../engine.ts";

const env = engineEnv(process.env);
if (!env.DATABASE_URL) {
  console.error("DATABASE_URL is required for a worker process");
  process.exit(2);
}
const log = (entry: Record<string, unknown>) =>
  console.log(JSON.stringify({ at: new Date().toISOString(), pid: process.pid, ...entry }));
const engine = await startEngine({
  connectionString: env.DATABASE_URL,
  llm: llmFromEnv(process.env, env),
  concurrency: env.WORKER_CONCURRENCY,
  retry: { maxAttempts: env.STEP_MAX_ATTEMPTS, backoffMs: env.STEP_RETRY_BACKOFF_MS },
  queue: {
    expireInSeconds: env.STEP_EXPIRE_SECONDS,
    maintenanceIntervalSeconds: env.QUEUE_MAINTENANCE_SECONDS,
  },
  log,
});
log({ level: "info", msg: "worker ready", concurrency: env.WORKER_CONCURRENCY });

// pg-boss 10 does not await its own job completion calls: a database blip must not kill the worker.
process.on("unhandledRejection", (reason) =>
  log({
    level: "error",
    msg: "unhandled rejection",
    error: reason instanceof Error ? reason.message : String(reason),
  }),
);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log({ level: "info", msg: "stopping: finishing running steps", signal });
    await engine.stop();
    process.exit(0);
  });
}
