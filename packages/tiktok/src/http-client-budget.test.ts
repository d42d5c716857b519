import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUSINESS_PROFILE_FIELDS, businessGet } from "./business/endpoints.ts";
import { TikTokRateLimitedError } from "./errors.ts";
import { createTikTokClient, type TikTokRequestBudget } from "./http-client.ts";
import { startTikTokStub, type TikTokStub } from "./testing/index.ts";

let stub: TikTokStub;
let token: string;
beforeEach(async () => {
  stub = await startTikTokStub();
  token = stub.issueAccessToken();
});
afterEach(() => stub.close());

const profileQuery = () => ({
  query: { business_id: stub.account.user.open_id, fields: JSON.stringify(BUSINESS_PROFILE_FIELDS) },
});

/**
 * A fixed-window budget in memory, the shape a PostgreSQL-backed one takes across processes:
 * `perWindow` requests per key per window, then a refusal carrying the wait until the next window.
 */
function memoryBudget(perWindow: number, windowMs: number, clock: { now: number }) {
  const windows = new Map<string, { start: number; used: number }>();
  const taken: string[] = [];
  const budget: TikTokRequestBudget = {
    async take(tokenKey) {
      const window = windows.get(tokenKey);
      if (!window || clock.now - window.start >= windowMs) {
        windows.set(tokenKey, { start: clock.now, used: 1 });
      } else if (window.used < perWindow) {
        window.used++;
      } else {
        throw new TikTokRateLimitedError("request budget", window.start + windowMs - clock.now);
      }
      taken.push(tokenKey);
    },
  };
  return { budget, taken };
}

describe("per-token request budgets", () => {
  it("takes from the budget before every attempt, retries included, under the token's key", async () => {
    const clock = { now: 0 };
    const { budget, taken } = memoryBudget(100, 60_000, clock);
    const client = createTikTokClient({
      baseUrl: stub.url,
      credentials: { accessToken: () => token },
      budget,
      tokenKey: "connection-1",
      sleep: async () => {},
    });
    stub.failNext("/open_api/v1.3/business/get/", { kind: "rate_limited" }, 2);
    await client.call(businessGet, profileQuery());
    expect(taken).toEqual(["connection-1", "connection-1", "connection-1"]);
    expect(taken.join()).not.toContain(token);
  });

  it("shares one budget between clients of the same token and waits for the next window when it is spent", async () => {
    const clock = { now: 0 };
    const sleeps: number[] = [];
    const { budget } = memoryBudget(2, 1000, clock);
    const make = (tokenKey: string) =>
      createTikTokClient({
        baseUrl: stub.url,
        credentials: { accessToken: () => token },
        budget,
        tokenKey,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.now += ms;
        },
      });
    const [a, b, other] = [make("connection-1"), make("connection-1"), make("connection-2")];
    await a.call(businessGet, profileQuery());
    await b.call(businessGet, profileQuery());
    await other.call(businessGet, profileQuery());
    expect(sleeps).toEqual([]);
    await a.call(businessGet, profileQuery());
    expect(sleeps).toEqual([1000]);
    // The refused attempt never reached TikTok.
    expect(stub.requests.filter((r) => r.path === "/open_api/v1.3/business/get/")).toHaveLength(4);
  });

  it("fails with the budget's delay when it is longer than the client may wait", async () => {
    const clock = { now: 0 };
    const { budget } = memoryBudget(1, 3_600_000, clock);
    const client = createTikTokClient({
      baseUrl: stub.url,
      credentials: { accessToken: () => token },
      budget,
      tokenKey: "connection-1",
      sleep: async () => {},
    });
    await client.call(businessGet, profileQuery());
    const error = await client.call(businessGet, profileQuery()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
  });

  it("refuses a budget without the key it counts against", () => {
    const { budget } = memoryBudget(1, 1000, { now: 0 });
    expect(() =>
      createTikTokClient({ baseUrl: stub.url, credentials: { accessToken: () => token }, budget }),
    ).toThrow(TypeError);
  });
});
