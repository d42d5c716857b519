import type { RateLimit } from "@tiktok-army/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "./rate-limit.ts";
import { appRouter } from "./root.ts";
import { startTestApi } from "./testing.ts";
import { createCallerFactory, createTRPCContext } from "./trpc.ts";

/** A budget of `perMinute` points per key that never renews, remembering who spent what. */
function countingLimit(perMinute: number): RateLimit & { spent: Map<string, number> } {
  const spent = new Map<string, number>();
  return {
    perMinute,
    spent,
    async take(key) {
      const used = (spent.get(key) ?? 0) + 1;
      spent.set(key, used);
      return used > perMinute ? { ok: false, retryAfterMs: 41_500 } : { ok: true };
    },
  };
}

const calls = countingLimit(4);
const runs = countingLimit(1);
let api: Awaited<ReturnType<typeof startTestApi>>;

beforeAll(async () => {
  api = await startTestApi({ rateLimits: { calls, runs } });
});

afterAll(async () => {
  await api?.stop();
});

async function refusalOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("the call was not refused");
}

describe("rate limits", () => {
  it("count each call against its key, and runs started against a budget of their own", async () => {
    const { apiKey } = await api.workspace("limited");
    const client = await api.caller(apiKey);
    await client.workflows.run({ slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" });

    const secondRun = await refusalOf(
      client.workflows.run({ slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" }),
    );
    expect(secondRun.code).toBe("TOO_MANY_REQUESTS");
    expect(secondRun.message).toBe("Too many runs started: the limit is 1 a minute; retry in 42 s");
    expect(secondRun.cause).toBeInstanceOf(RateLimitedError);

    await client.workflows.list();
    await client.briefs.list();
    const fifth = await refusalOf(client.agents.list());
    expect(fifth.code).toBe("TOO_MANY_REQUESTS");
    expect(fifth.message).toMatch(/^Too many calls: the limit is 4 a minute; retry in 42 s$/);
    expect((fifth.cause as RateLimitedError).retryAfterSeconds).toBe(42);
    expect([...calls.spent.keys()]).toEqual([expect.stringMatching(/^key:[0-9a-f-]{36}$/)]);
  });

  it("count the dashboard's cookie against its workspace, and spend nothing for unknown keys", async () => {
    const { apiKey, workspace } = await api.workspace("local");
    const createCaller = createCallerFactory(appRouter);
    const dashboard = createCaller(await createTRPCContext({ deps: api.deps, cookie: `tta_key=${apiKey}` }));
    await dashboard.workflows.list();
    expect(calls.spent.get(`workspace:${workspace.id}`)).toBe(1);

    const before = [...calls.spent.values()].reduce((a, b) => a + b, 0);
    const stranger = await api.caller("tta_unknown-key");
    expect((await refusalOf(stranger.workflows.list())).code).toBe("UNAUTHORIZED");
    expect([...calls.spent.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });
});
