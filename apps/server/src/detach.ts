import { spawn } from "node:child_process";
import { constants } from "node:os";
import type { Logger } from "@tiktok-army/db/logger";
import { onStopSignal } from "./signals.ts";

const MARKER = "TIKTOK_ARMY_SERVER_DETACHED";

/**
 * True when this process should run the server in a detached child and only relay signals to it:
 * with the embedded PostgreSQL (no DATABASE_URL), outside Windows, unless it is that child already.
 *
 * Why: the embedded PostgreSQL is a child of the server, in its process group. Ctrl-C in a terminal
 * sends SIGINT to the whole foreground group, and to PostgreSQL SIGINT means "fast shutdown": it
 * would cut the connections of the steps the graceful shutdown lets finish. In a session of its
 * own, the server (and so PostgreSQL) only gets the signals this process relays.
 */
export function shouldDetach(env: Record<string, string | undefined>): boolean {
  return process.platform !== "win32" && !env.DATABASE_URL?.trim() && env[MARKER] !== "1";
}

/**
 * Starts this same entry point again in a new session, relays SIGINT and SIGTERM (and a terminal's
 * SIGHUP, as SIGTERM) to it, once per request to stop (see onStopSignal), and exits with its exit
 * code: 0 after a graceful stop.
 */
export function runDetached(logger: Logger): Promise<never> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    // The IPC channel closes when this process dies, however it dies: see `onSupervisorGone`.
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, [MARKER]: "1" },
  });
  onStopSignal((signal) => child.kill(signal === "SIGHUP" ? "SIGTERM" : signal));
  return new Promise(() => {
    child.on("error", (error) => {
      logger.fatal({ err: error }, "could not start the server process");
      process.exit(1);
    });
    child.on("exit", (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** In the detached server: calls `stop` when the process that started it is gone (even by SIGKILL). */
export function onSupervisorGone(stop: () => void): void {
  if (process.env[MARKER] === "1" && process.connected) process.once("disconnect", stop);
}
