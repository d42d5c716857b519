/** One structured log entry; written as one JSON line. Never put keys, cookies or headers in it. */
export type Log = (entry: Record<string, unknown>) => void;

/**
 * A logger writing JSON lines (to stdout unless told otherwise), each stamped with the time.
 *
 * @example
 * const log = jsonLog();
 * log({ level: "info", msg: "listening", url });
 */
export function jsonLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  return (entry) => write(JSON.stringify({ at: new Date().toISOString(), level: "info", ...entry }));
}
