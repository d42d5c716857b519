import { describe, expect, it } from "vitest";
import { REDACTED, secretRedactor, secretValues } from "./secrets.ts";

const API_KEY = "sk-ant-api03-not-a-real-key";
const PASSWORD = 'db"pass\\word';

describe("secretRedactor", () => {
  const redact = secretRedactor([API_KEY, PASSWORD, "short"]);

  it("replaces every secret in a text, raw or escaped as JSON, and leaves short values alone", () => {
    expect(redact.text(`invalid x-api-key ${API_KEY} (${API_KEY})`)).toBe(
      `invalid x-api-key ${REDACTED} (${REDACTED})`,
    );
    expect(redact.text(`body: ${JSON.stringify({ password: PASSWORD })}`)).toBe(
      `body: {"password":"${REDACTED}"}`,
    );
    expect(redact.text("a short word")).toBe("a short word");
  });

  it("copies a JSON-like value with every string redacted, keys included, and keeps the rest as it is", () => {
    const at = new Date();
    const event = {
      type: "step_failed",
      error: `401 ${API_KEY}`,
      trace: [{ kind: "log", data: { nested: [PASSWORD, 7, null, undefined], [API_KEY]: true }, at }],
      retrying: false,
    };
    const redacted = redact.value(event);
    expect(redacted).toEqual({
      type: "step_failed",
      error: `401 ${REDACTED}`,
      trace: [{ kind: "log", data: { nested: [REDACTED, 7, null, undefined], [REDACTED]: true }, at }],
      retrying: false,
    });
    expect(redacted.trace[0]?.at).toBe(at);
    expect(event.error).toContain(API_KEY);
  });

  it("is the identity when no secret is configured", () => {
    const none = secretRedactor([undefined, "", "tiny"]);
    const value = { error: "nothing to hide" };
    expect(none.active).toBe(false);
    expect(none.value(value)).toBe(value);
  });
});

describe("secretValues", () => {
  it("takes the API key, the database password as written and decoded, and any token", () => {
    expect(
      secretValues({
        apiKey: API_KEY,
        databaseUrl: "postgresql://app:p%40ss%22word@db.internal:5432/app",
        tokens: ["tiktok-token-123", undefined],
      }),
    ).toEqual([API_KEY, "tiktok-token-123", "p%40ss%22word", 'p@ss"word']);
    expect(secretValues({ databaseUrl: "not a url" })).toEqual([]);
  });
});
