import { ConnectionRequiredError, DataUnavailableError } from "@tiktok-army/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TikTokApiError, TikTokAuthError } from "./errors.ts";
import type { TikTokCallRecord } from "./http-client.ts";
import {
  createTikTokProvider,
  type TikTokAccountConnection,
  type TikTokProviderOptions,
} from "./provider.ts";
import { startTikTokStub, type TikTokStub } from "./testing/index.ts";

let stub: TikTokStub;
let records: TikTokCallRecord[];
let sleeps: number[];
let tokens: Record<string, string>;
let refreshes: string[];

beforeEach(async () => {
  stub = await startTikTokStub();
  records = [];
  sleeps = [];
  refreshes = [];
  tokens = {
    business: stub.issueAccessToken(),
    creator: stub.issueAccessToken(),
    ads: stub.issueAccessToken(),
  };
});
afterEach(() => stub.close());

/** Credentials as the connection store gives them: the current token, and a refresh that replaces it. */
const credentials = (name: string) => ({
  accessToken: () => tokens[name] ?? "",
  refresh: async () => {
    refreshes.push(name);
    tokens[name] = stub.issueAccessToken();
  },
});
const business = (): TikTokAccountConnection => ({
  id: "conn-business",
  kind: "business",
  handle: "StubCreator",
  externalId: stub.account.user.open_id,
  credentials: credentials("business"),
});
const creator = (handle = "stubcreator"): TikTokAccountConnection => ({
  id: "conn-creator",
  kind: "creator",
  handle,
  externalId: stub.account.user.open_id,
  credentials: credentials("creator"),
});

function provider(options: Partial<TikTokProviderOptions> = {}) {
  return createTikTokProvider({
    urls: { open: stub.url, business: stub.url },
    accounts: [creator(), business()],
    advertiser: { id: "conn-ads", advertiserId: "7001234567890", credentials: credentials("ads") },
    record: (call) => records.push(call),
    now: () => new Date(stub.account.now * 1000),
    client: { sleep: async (ms) => void sleeps.push(ms) },
    ...options,
  });
}

const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e);

describe("the TikTok provider over a workspace's connections", () => {
  it("says it reads TikTok", () => {
    expect(provider().source).toBe("tiktok");
  });

  it("reads a handle through its business connection when the creator one exists too", async () => {
    const data = provider();
    const [video] = await data.listVideos("@stubcreator", { limit: 1 });
    expect(video?.reach).toBe(stub.account.businessVideos[0]?.reach);
    expect(records.every((r) => r.endpoint.startsWith("/open_api/v1.3/business/"))).toBe(true);
    expect((await data.getFollowerHistory("stubcreator", { days: 7 })).length).toBe(6);
  });

  it("reads a creator-only handle through the Display API, with null where it has no data", async () => {
    const data = provider({ accounts: [creator()] });
    const [video] = await data.listVideos("stubcreator", { limit: 1 });
    expect(video).toMatchObject({
      view_count: stub.account.videos[0]?.view_count,
      reach: null,
      save_count: null,
    });
    expect((await data.getProfile("stubcreator")).category).toBeNull();
    expect(records.map((r) => r.endpoint)).toContain("/v2/video/list/");
    expect(await failure(data.getFollowerHistory("stubcreator", { days: 30 }))).toBeInstanceOf(
      DataUnavailableError,
    );
  });

  it("fails a handle with no connection with ConnectionRequiredError, without calling TikTok", async () => {
    const data = provider();
    for (const call of [
      data.getProfile("@OtherBrand"),
      data.listVideos("otherbrand", { limit: 5 }),
      data.getFollowerHistory("otherbrand", { days: 30 }),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(ConnectionRequiredError);
      expect(error).toMatchObject({
        code: "connection_required",
        handle: "otherbrand",
        needs: "account",
        message:
          "No TikTok account is connected for @otherbrand in this workspace: connect it on the Connections page (/connections), then start the run again.",
      });
    }
    expect(records).toEqual([]);
  });

  it("says a competitor's data is not available from any official API", async () => {
    const error = await failure(
      provider({ competitors: ["@rivalbrand"] }).listVideos("rivalbrand", { limit: 10 }),
    );
    expect(error).toBeInstanceOf(DataUnavailableError);
    expect(String(error)).toContain("@rivalbrand's TikTok data is not available from TikTok's APIs");
    expect(String(error)).toContain("Research API is for non-profit academic research only");
  });

  it("says trends have no official API", async () => {
    const error = await failure(
      provider().getTrends({ category: "beauty", region: "US", freshnessHours: 72 }),
    );
    expect(error).toBeInstanceOf(DataUnavailableError);
    expect(error).toMatchObject({
      message: "trends is not available from TikTok's APIs: Creative Center trends have no official API",
    });
  });

  it("reads campaign reports through the advertiser, and needs one", async () => {
    const rows = await provider().getCampaignReport("1800000000000001", { days: 75 });
    expect(rows.length).toBeGreaterThan(0);
    expect(records.filter((r) => r.endpoint === "/open_api/v1.3/report/integrated/get/")).toHaveLength(3);
    expect(records[0]?.params.advertiser_id).toBe("7001234567890");
    const error = await failure(
      provider({ advertiser: undefined, handle: "StubCreator" }).getCampaignReport("1800000000000001", {
        days: 7,
      }),
    );
    expect(error).toBeInstanceOf(ConnectionRequiredError);
    expect(error).toMatchObject({ handle: "stubcreator", needs: "advertiser" });
  });

  it("reads each ad of a campaign and its budget through the advertiser, and needs one for both", async () => {
    const range = { start_date: "2026-01-01", end_date: "2026-01-07" };
    await provider().getAdReport("1800000000000001", range);
    expect(await provider().getCampaignBudget("1800000000000001")).toBeNull();
    expect(records.map((r) => r.params.advertiser_id)).toEqual(["7001234567890", "7001234567890"]);
    const unconnected = provider({ advertiser: undefined, handle: "StubCreator" });
    expect(await failure(unconnected.getAdReport("1800000000000001", range))).toBeInstanceOf(
      ConnectionRequiredError,
    );
    expect(await failure(unconnected.getCampaignBudget("1800000000000001"))).toBeInstanceOf(
      ConnectionRequiredError,
    );
  });
});

describe("TikTok's failure modes through the provider", () => {
  it("backs off on throttling (code 40100 in HTTP 200) and then succeeds", async () => {
    stub.failNext("/open_api/v1.3/business/get/", { kind: "rate_limited" }, 2);
    const profile = await provider().getProfile("stubcreator");
    expect(profile.follower_count).toBe(stub.account.business.followers_count);
    expect(sleeps).toEqual([500, 1000]);
    expect(records.map((r) => [r.status, r.attempt, r.outcome])).toEqual([
      [200, 1, "TikTokRateLimitedError"],
      [200, 2, "TikTokRateLimitedError"],
      [200, 3, "ok"],
    ]);
  });

  it("fails on an error inside HTTP 200, naming TikTok's code, without retrying", async () => {
    stub.failNext("/open_api/v1.3/report/integrated/get/", {
      kind: "error_in_200",
      code: 40001,
      message: "No permission",
    });
    const error = await failure(provider().getCampaignReport("1800000000000001", { days: 7 }));
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(error).toMatchObject({ code: "40001", status: 200 });
    expect(records).toHaveLength(1);
  });

  it("refreshes an expired token once, for that connection only, and retries", async () => {
    stub.expireAccessTokens();
    const before = tokens.business;
    await provider().getProfile("stubcreator");
    expect(refreshes).toEqual(["business"]);
    expect(tokens.business).not.toBe(before);
    expect(records.map((r) => r.outcome)).toEqual(["TikTokAuthError", "ok"]);
  });

  it("gives up with an auth error when the refreshed token is refused too", async () => {
    const data = provider({
      accounts: [
        { ...business(), credentials: { accessToken: () => "act.revoked", refresh: async () => {} } },
      ],
    });
    expect(await failure(data.getProfile("stubcreator"))).toBeInstanceOf(TikTokAuthError);
  });

  it("never puts a token in a call record", async () => {
    const data = provider();
    await data.listVideos("stubcreator", { limit: 25 });
    await data.getCampaignReport("1800000000000001", { days: 3 });
    const recorded = JSON.stringify(records);
    for (const token of Object.values(tokens)) expect(recorded).not.toContain(token);
    expect(records.map((r) => r.itemsRead)).toEqual([1, 20, 5, expect.any(Number)]);
  });

  it("counts each connection's calls against its own budget key", async () => {
    const keys: string[] = [];
    const data = provider({ budget: { take: async (key) => void keys.push(key) } });
    await data.getProfile("stubcreator");
    await data.getCampaignReport("1800000000000001", { days: 3 });
    expect(keys).toEqual(["conn-business", "conn-ads"]);
  });
});
