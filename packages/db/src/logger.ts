import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/**
 * The log port that core, db and api take: one structured entry, with `level` (default "info") and
 * `msg` among its fields. Processes adapt their pino logger to it with `logPort`.
 */
export type Log = (entry: Record<string, unknown>) => void;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const CENSOR = "[redacted]";

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

/** Shorter values would garble every line they happen to occur in (and guessing them is easy anyway). */
const MIN_SECRET_LENGTH = 6;

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
  const hide = secretReplacer(options.secrets ?? []);
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      hooks: hide ? { streamWrite: hide } : {},
    },
    options.destination ?? toFd(options.fd ?? 1),
  );
}

/**
 * The secrets of a configuration to hide in logs by value: the model API key, and the password of
 * the database URL (as written in the URL and decoded).
 */
export function secretValues(config: { apiKey?: string; databaseUrl?: string }): string[] {
  const values = [config.apiKey];
  try {
    const password = config.databaseUrl ? new URL(config.databaseUrl).password : "";
    if (password) values.push(password, decodeURIComponent(password));
  } catch {
    // not a URL: nothing to take from it
  }
  return values.filter((value): value is string => !!value);
}

/** Adapts a pino logger to the `Log` port: `log({ level: "warn", msg, ...fields })`. */
export function logPort(logger: Logger): Log {
  return ({ level, msg, ...fields }) => {
    const method = LOG_LEVELS.includes(level as LogLevel) && level !== "silent" ? level : "info";
    logger[method as Exclude<LogLevel, "silent">](fields, typeof msg === "string" ? msg : undefined);
  };
}

/** Replaces each secret, raw or as JSON escapes it, in a finished line; undefined when there are none. */
function secretReplacer(secrets: readonly (string | undefined)[]): ((line: string) => string) | undefined {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first: a secret that contains another is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return undefined;
  return (line) => {
    let out = line;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(CENSOR);
    return out;
  };
}

/** Written synchronously, as Node writes to pipes and files; a terminal gets pino-pretty's colours. */
function toFd(fd: 1 | 2): DestinationStream {
  if (!(fd === 1 ? process.stdout : process.stderr).isTTY) return pino.destination({ dest: fd, sync: true });
  // Loaded only for a terminal: servers and workers under a supervisor never need it.
  const pretty = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
  return pretty({ destination: fd, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid" });
}
