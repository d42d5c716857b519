import { createLogger, type Logger, type LoggerOptions } from "../logger.ts";

export interface CapturedLogs {
  /** A logger like a process's, writing to memory instead of stdout. */
  logger: Logger;
  /** Everything written so far, exactly as it would reach stdout. */
  text(): string;
  /** Each line parsed (throws if one is not JSON). */
  lines(): Record<string, unknown>[];
}

/**
 * A real logger (redaction, secret values, levels) whose output a test can read.
 *
 * @example
 * const logs = captureLogs({ secrets: ["sk-ant-test-key"] });
 * startServer(config, { logger: logs.logger });
 * expect(logs.text()).not.toContain("sk-ant-test-key");
 */
export function captureLogs(options: Omit<LoggerOptions, "destination"> = {}): CapturedLogs {
  let text = "";
  const logger = createLogger({
    ...options,
    destination: {
      write(chunk: string) {
        text += chunk;
      },
    },
  });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
