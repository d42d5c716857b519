// `pnpm start`: the whole product in one process (plus a signal relay with the embedded database,
// see detach.ts). Env: see config.ts and the README.
import { createLogger, secretValues } from "@tiktok-army/db/logger";
import { z } from "zod";
import { onSupervisorGone, runDetached, shouldDetach } from "./detach.ts";
import type { RunningServer } from "./server.ts";
import { onStopSignal } from "./signals.ts";

// Secrets come from the raw environment: an invalid configuration's error must not print them either.
const logger = createLogger({
  secrets: secretValues({
    apiKey: process.env.ANTHROPIC_API_KEY,
    databaseUrl: process.env.DATABASE_URL,
    tokens: [
      process.env.TIKTOK_CLIENT_SECRET,
      process.env.TIKTOK_BUSINESS_SECRET,
      process.env.TOKEN_ENCRYPTION_KEY,
    ],
  }),
});
if (shouldDetach(process.env)) await runDetached(logger);

// Listening from the start: a signal's default action would end the process without a word (and
// leave its PostgreSQL running); one that comes while the server starts stops it once it is up.
let server: RunningServer | undefined;
let stopping = false;
const stop = (reason: string) => {
  if (stopping) {
    logger.warn({ reason }, "second signal: exiting now");
    process.exit(1);
  }
  stopping = true;
  logger.info({ reason }, "stopping");
  if (server) shutDown(server);
};
// A stop that was asked for and went well exits 0.
const shutDown = (running: RunningServer) =>
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
onStopSignal(stop);
onSupervisorGone(() => stop("parent process gone"));

// Imported once this process is the server: the relay process of detach.ts needs none of it.
const { serverConfigFromEnv } = await import("./config.ts");
const { startServer } = await import("./server.ts");

// pg-boss 10 does not await its own `complete`/`fail` of a job: when the database goes away under
// a running step, that rejection would kill the whole server. The job expires and is retried anyway.
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

let config: ReturnType<typeof serverConfigFromEnv>;
try {
  config = serverConfigFromEnv(process.env);
} catch (error) {
  const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
  logger.error({ detail }, "invalid configuration");
  process.exit(2);
}
logger.level = config.logLevel;

if (stopping) process.exit(0);
server = await startServer(config, { logger }).catch((error: unknown) => {
  logger.error({ err: error }, "failed to start");
  process.exit(1);
});

if (stopping) shutDown(server);
