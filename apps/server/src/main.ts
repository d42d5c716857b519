// `pnpm start`: the whole product in one process (plus a signal relay with the embedded database,
// see detach.ts). Env: see config.ts and the README.
import { z } from "zod";
import { onSupervisorGone, runDetached, shouldDetach } from "./detach.ts";
import { jsonLog } from "./log.ts";
import type { RunningServer } from "./server.ts";
import { onStopSignal } from "./signals.ts";

if (shouldDetach(process.env)) await runDetached();

const log = jsonLog();
// The detached server outlives a reader of its stdout that went away: lose the logs, not the server.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

// Listening from the start: a signal's default action would end the process without a word (and
// leave its PostgreSQL running); one that comes while the server starts stops it once it is up.
let server: RunningServer | undefined;
let stopping = false;
const stop = (reason: string) => {
  if (stopping) {
    log({ level: "warn", msg: "second signal: exiting now", reason });
    process.exit(1);
  }
  stopping = true;
  log({ msg: "stopping", reason });
  if (server) shutDown(server);
};
// A stop that was asked for and went well exits 0.
const shutDown = (running: RunningServer) =>
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      log({ level: "error", msg: "shutdown failed", error: String(error) });
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
process.on("unhandledRejection", (reason) => {
  log({
    level: "error",
    msg: "unhandled rejection",
    error: reason instanceof Error ? reason.message : String(reason),
  });
});

let config: ReturnType<typeof serverConfigFromEnv>;
try {
  config = serverConfigFromEnv(process.env);
} catch (error) {
  const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
  log({ level: "error", msg: "invalid configuration", detail });
  process.exit(2);
}

if (stopping) process.exit(0);
server = await startServer(config, { log }).catch((error: unknown) => {
  log({
    level: "error",
    msg: "failed to start",
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});

if (stopping) shutDown(server);
