import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRateLimits, RATE_LIMITS_SCHEMA } from "./rate-limits.ts";
import { actualSchema } from "./schema-drift.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

describe("rate limits", () => {
  it("are shared by every process over the same database, and say when to come back", async () => {
    // Two API processes: each opens its own limits over the same database.
    const [one, two] = await Promise.all([
      openRateLimits(db.url, { calls: 3, runs: 1 }),
      openRateLimits(db.url, { calls: 3, runs: 1 }),
    ]);
    try {
      expect(await one.calls.take("key:a")).toEqual({ ok: true });
      expect(await two.calls.take("key:a")).toEqual({ ok: true });
      expect(await one.calls.take("key:a")).toEqual({ ok: true });
      const refused = await two.calls.take("key:a");
      expect(refused).toEqual({ ok: false, retryAfterMs: expect.any(Number) });
      if (refused.ok) return;
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);

      // Another key, and the other budget, are counted apart.
      expect(await one.calls.take("key:b")).toEqual({ ok: true });
      expect(await one.runs.take("key:a")).toEqual({ ok: true });
      expect((await two.runs.take("key:a")).ok).toBe(false);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("never refuse when set to 0", async () => {
    const limits = await openRateLimits(db.url, { calls: 0, runs: 0 });
    try {
      for (let i = 0; i < 5; i++) expect(await limits.calls.take("key:a")).toEqual({ ok: true });
      expect(limits.calls.perMinute).toBe(0);
    } finally {
      await limits.close();
    }
  });

  it("keep their counters outside the public schema that schema.prisma describes", async () => {
    const limits = await openRateLimits(db.url, { calls: 5, runs: 5 });
    await limits.calls.take("key:c");
    await limits.close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT key FROM ${RATE_LIMITS_SCHEMA}.counters`);
      expect(rows).toContainEqual({ key: "calls:key:c" });
      expect(Object.keys((await actualSchema(client)).tables)).not.toContain("counters");
    } finally {
      await client.end();
    }
  });
});
