import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { REDACTED, secretRedactor } from "./secrets.ts";

export type { Logger } from "pino";
export { secretRedactor, secretValues } from "./secrets.ts";

/**
 * The log port that core, db and api take: one structured entry, with `level` (default "info") and
 * `msg` among its fields. Processes adapt their pino logger to it with `logPort`.
 */
export type Log = (entry: Record<string, unknown>) => void;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names whose values never reach a log line, wherever they sit in the first three levels. */
const SECRET_FIELDS = [
  "authorization",
  "cookie",
  '["set-cookie"]',
  "apiKey",
  "localApiKey",
  "key",
  "token",
  "accessToken",
  "refreshToken",
  "password",
  "secret",
  "ANTHROPIC_API_KEY",
  "DATABASE_URL",
];
export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => {
  const tail = field.startsWith("[") ? field : `.${field}`;
  return [field, `*${tail}`, `*.*${tail}`];
});

export interface LoggerOptions {
  level?: LogLevel;
  /**
   * Values that must never appear in a line, whichever field carries them (an upstream error that
   * quotes the API key, a connection string in a stack trace): see `secretValues`.
   */
  secrets?: readonly (string | undefined)[];
  /**
   * Where the lines go: file descriptor `fd` (1, stdout, by default; 2 for a CLI whose stdout is its
   * output), as JSON, or pretty-printed when it is a terminal; or any `destination` (tests).
   */
  fd?: 1 | 2;
  destination?: DestinationStream;
}

/**
 * The process's logger: JSON lines with `level` as a name, an ISO `time`, the `pid`, and secrets
 * replaced by "[redacted]" twice over: by field name (`REDACT_PATHS`; pino's `redact` works on paths)
 * and by value (`secrets`, replaced in the finished line, so messages, errors and stacks included).
 *
 * @example
 * const logger = createLogger({ secrets: secretValues({ apiKey, databaseUrl }) });
 * logger.child({ runId }).info({ stepKey }, "step finished");
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = secretRedactor(options.secrets ?? []);
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: redact.active ? { streamWrite: redact.text } : {},
    },
    options.destination ?? toFd(options.fd ?? 1),
  );
}

/** Adapts a pino logger to the `Log` port: `log({ level: "warn", msg, ...fields })`. */
export function logPort(logger: Logger): Log {
  return ({ level, msg, ...fields }) => {
    const method = LOG_LEVELS.includes(level as LogLevel) && level !== "silent" ? level : "info";
    logger[method as Exclude<LogLevel, "silent">](fields, typeof msg === "string" ? msg : undefined);
  };
}

/** Written synchronously, as Node writes to pipes and files; a terminal gets pino-pretty's colours. */
function toFd(fd: 1 | 2): DestinationStream {
  if (!(fd === 1 ? process.stdout : process.stderr).isTTY) return pino.destination({ dest: fd, sync: true });
  // Loaded only for a terminal: servers and workers under a supervisor never need it.
  const pretty = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
  return pretty({ destination: fd, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid" });
}
