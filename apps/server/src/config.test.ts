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
