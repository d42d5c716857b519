import { describe, expect, it } from "vitest";
import { logPort, secretValues } from "./logger.ts";
import { captureLogs } from "./testing/capture-logs.ts";

const ANTHROPIC_KEY = "sk-ant-api03-not-a-real-key";

describe("the logger", () => {
  it("writes one JSON object per line, with the level's name, an ISO time and the pid", () => {
    const logs = captureLogs();
    logs.logger.info({ url: "http://127.0.0.1:3001" }, "listening");
    logs.logger.child({ runId: "run_1" }).warn({ stepKey: "audit" }, "step finished");

    const lines = logs.text().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      url: "http://127.0.0.1:3001",
      msg: "listening",
    });
    expect(JSON.parse(lines[1] ?? "")).toMatchObject({ level: "warn", runId: "run_1", stepKey: "audit" });
  });

  it("redacts authorization, cookies, keys, tokens and passwords by field name, nested or not", () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        headers: {
          authorization: "Bearer tta_header",
          cookie: "tta_key=tta_cookie",
          "set-cookie": "tta_key=x",
        },
        req: { headers: { authorization: "Bearer tta_nested" } },
        apiKey: "tta_field",
        ANTHROPIC_API_KEY: ANTHROPIC_KEY,
        database: { password: "hunter22", DATABASE_URL: "postgresql://app:hunter22@db/app" },
        session: { token: "tok_123456" },
      },
      "request",
    );

    const text = logs.text();
    for (const secret of [
      "tta_header",
      "tta_cookie",
      "tta_key=x",
      "tta_nested",
      "tta_field",
      ANTHROPIC_KEY,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain("hunter22");
    expect(text).not.toContain("tok_123456");
    expect(logs.lines()[0]).toMatchObject({
      headers: { authorization: "[redacted]", cookie: "[redacted]", "set-cookie": "[redacted]" },
      apiKey: "[redacted]",
    });
  });

  it("replaces configured secret values in messages, errors, stacks and child bindings", () => {
    const logs = captureLogs({ secrets: [ANTHROPIC_KEY] });
    const upstream = new Error(`401 from the Messages API: invalid x-api-key ${ANTHROPIC_KEY}`);
    logs.logger.error({ err: upstream }, `model call failed: ${upstream.message}`);
    logs.logger.child({ note: `key=${ANTHROPIC_KEY}` }).warn("bound");

    expect(logs.text()).not.toContain(ANTHROPIC_KEY);
    const [failure] = logs.lines();
    expect(failure?.msg).toBe("model call failed: 401 from the Messages API: invalid x-api-key [redacted]");
    expect(failure?.err).toMatchObject({ message: expect.stringContaining("[redacted]") });
  });

  it("takes the database password from DATABASE_URL, as written in the URL and decoded", () => {
    const secrets = secretValues({
      apiKey: ANTHROPIC_KEY,
      databaseUrl: "postgresql://app:p%40ss%22word@db.internal:5432/app",
    });
    expect(secrets).toEqual([ANTHROPIC_KEY, "p%40ss%22word", 'p@ss"word']);
    expect(secretValues({ databaseUrl: "postgresql://postgres@127.0.0.1:5432/postgres" })).toEqual([]);

    const logs = captureLogs({ secrets });
    logs.logger.error({ error: 'password authentication failed for "p@ss"word"' }, "database down");
    logs.logger.info({ url: "postgresql://app:p%40ss%22word@db.internal:5432/app" }, "connecting");
    expect(logs.text()).not.toMatch(/p@ss|p%40ss/);
  });

  it("adapts to the log port of core and db: level and msg from the entry, info when unknown", () => {
    const logs = captureLogs({ level: "debug" });
    const log = logPort(logs.logger);
    log({ level: "error", msg: "queue error", error: "connection reset" });
    log({ msg: "local workspace ready", workspace: "local" });
    log({ level: "loud", msg: "odd level" });
    log({ level: "debug", msg: "detail" });

    expect(logs.lines()).toEqual([
      expect.objectContaining({ level: "error", msg: "queue error", error: "connection reset" }),
      expect.objectContaining({ level: "info", msg: "local workspace ready", workspace: "local" }),
      expect.objectContaining({ level: "info", msg: "odd level" }),
      expect.objectContaining({ level: "debug", msg: "detail" }),
    ]);
  });
});
