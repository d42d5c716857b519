import { describe, expect, test } from "vitest";
import { serverConfigFromEnv, storageConfigFromEnv } from "./config.ts";

describe("EMBEDDED_PG_PORT", () => {
  test("sets the embedded PostgreSQL's port for the server and the CLI", () => {
    expect(serverConfigFromEnv({ EMBEDDED_PG_PORT: "54329" }).embeddedPgPort).toBe(54329);
    expect(storageConfigFromEnv({ EMBEDDED_PG_PORT: "54329" }).embeddedPgPort).toBe(54329);
  });

  test("unset, blank or 0 leaves the port to the OS", () => {
    for (const value of [undefined, "", "0"])
      expect(serverConfigFromEnv({ EMBEDDED_PG_PORT: value }).embeddedPgPort).toBeUndefined();
  });

  test("refuses what is not a port, naming the variable", () => {
    for (const value of ["70000", "-1", "5432.5", "postgres"])
      expect(() => serverConfigFromEnv({ EMBEDDED_PG_PORT: value })).toThrow(/EMBEDDED_PG_PORT/);
  });
});

describe("batch cap and rate limits", () => {
  test("default to 20 calls a batch, 600 calls and 30 runs a minute", () => {
    const config = serverConfigFromEnv({});
    expect(config.maxBatchSize).toBe(20);
    expect(config.rateLimitsPerMinute).toEqual({ calls: 600, runs: 30 });
  });

  test("0 turns each off", () => {
    const config = serverConfigFromEnv({
      MAX_BATCH_SIZE: "0",
      RATE_LIMIT_CALLS_PER_MINUTE: "0",
      RATE_LIMIT_RUNS_PER_MINUTE: "0",
    });
    expect(config.maxBatchSize).toBeUndefined();
    expect(config.rateLimitsPerMinute).toEqual({ calls: 0, runs: 0 });
  });

  test("refuses what is not a count, naming the variable", () => {
    for (const name of ["MAX_BATCH_SIZE", "RATE_LIMIT_CALLS_PER_MINUTE", "RATE_LIMIT_RUNS_PER_MINUTE"])
      for (const value of ["-1", "2.5", "many"])
        expect(() => serverConfigFromEnv({ [name]: value })).toThrow(new RegExp(name));
  });
});
