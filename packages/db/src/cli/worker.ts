// A worker process: executes step jobs from the shared queue until SIGTERM/SIGINT. Start as many
// as you like, on any machines, with the same DATABASE_URL.
import { llmConfigFromEnv } from "@tiktok-army/core";
import { engineEnv, engineOptionsFor } from "../config.ts";
import { startEngine } from "../engine.ts";
import { createLogger, logPort, secretValues } from "../logger.ts";

const env = engineEnv(process.env);
const logger = createLogger({
  level: env.LOG_LEVEL,
  secrets: secretValues({ apiKey: process.env.ANTHROPIC_API_KEY, databaseUrl: env.DATABASE_URL }),
});
if (!env.DATABASE_URL) {
  logger.fatal("DATABASE_URL is required for a worker process");
  process.exit(2);
}
const log = logPort(logger);
const engine = await startEngine({
  connectionString: env.DATABASE_URL,
  log,
  ...engineOptionsFor(env, llmConfigFromEnv(process.env)),
});
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "worker ready");

// pg-boss 10 does not await its own job completion calls: a database blip must not kill the worker.
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing running steps");
    await engine.stop();
    process.exit(0);
  });
}
