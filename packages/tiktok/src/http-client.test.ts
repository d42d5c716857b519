import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BUSINESS_PROFILE_FIELDS,
  BUSINESS_VIDEO_FIELDS,
  businessGet,
  businessVideoList,
} from "./business/endpoints.ts";
import {
  DISPLAY_USER_FIELDS,
  DISPLAY_VIDEO_FIELDS,
  displayUserInfo,
  displayVideoList,
} from "./display/endpoints.ts";
import {
  TikTokApiError,
  TikTokAuthError,
  TikTokRateLimitedError,
  TikTokResponseShapeError,
  TikTokTimeoutError,
} from "./errors.ts";
import { createTikTokClient, type TikTokCallRecord, type TikTokClientOptions } from "./http-client.ts";
import { startTikTokStub, stubAccount, type TikTokStub } from "./testing/index.ts";

let stub: TikTokStub;
let token: string;
let refreshToken: string;
let records: TikTokCallRecord[];
let sleeps: number[];

beforeEach(async () => {
  stub = await startTikTokStub();
  const grant = await oauth({
    grant_type: "authorization_code",
    code: stub.authorize(),
    redirect_uri: stub.redirectUri,
  });
  token = grant.access_token;
  refreshToken = grant.refresh_token;
  records = [];
  sleeps = [];
});
afterEach(() => stub.close());

async function oauth(params: Record<string, string>) {
  const form = new URLSearchParams({
    client_key: stub.clientKey,
    client_secret: stub.clientSecret,
    ...params,
  });
  const response = await fetch(`${stub.url}/v2/oauth/token/`, { method: "POST", body: form });
  return (await response.json()) as { access_token: string; refresh_token: string; error?: string };
}

/** Refreshes at the stub, keeping the rotated refresh token, as the connection store will. */
async function refresh() {
  const grant = await oauth({ grant_type: "refresh_token", refresh_token: refreshToken });
  if (grant.error) throw new Error(`refresh failed: ${grant.error}`);
  token = grant.access_token;
  refreshToken = grant.refresh_token;
}

function client(options: Partial<TikTokClientOptions> = {}) {
  return createTikTokClient({
    baseUrl: stub.url,
    credentials: { accessToken: () => token, refresh },
    record: (call) => records.push(call),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

const userQuery = { query: { fields: DISPLAY_USER_FIELDS.join(",") } };
const videoPage = (cursor?: number) => ({
  query: { fields: DISPLAY_VIDEO_FIELDS.join(",") },
  body: { max_count: 20, ...(cursor === undefined ? {} : { cursor }) },
});

describe("the Display API through the client", () => {
  it("reads the creator's profile and records the call without the token", async () => {
    const { user } = await client().call(displayUserInfo, userQuery);
    expect(user).toEqual(stub.account.user);
    expect(records).toEqual([
      expect.objectContaining({
        endpoint: "/v2/user/info/",
        status: 200,
        itemsRead: 1,
        attempt: 1,
        outcome: "ok",
      }),
    ]);
    expect(records[0]?.params).toEqual({ fields: DISPLAY_USER_FIELDS.join(",") });
    expect(JSON.stringify(records)).not.toContain(token);
  });

  it("pages the video list 20 at a time by cursor, newest first, until has_more is false", async () => {
    const pages = [];
    let cursor: number | undefined;
    for (;;) {
      const page = await client().call(displayVideoList, videoPage(cursor));
      pages.push(page.videos.length);
      if (!page.has_more) break;
      cursor = page.cursor;
    }
    expect(pages).toEqual([20, 20, 5]);
    expect(records.map((r) => r.itemsRead)).toEqual([20, 20, 5]);
    expect(records[1]?.params).toMatchObject({ max_count: 20, cursor: expect.any(Number) });
  });

  it("waits as long as Retry-After says on HTTP 429, then succeeds", async () => {
    stub.failNext("/v2/user/info/", { kind: "rate_limited", retryAfterSeconds: 2 });
    await client().call(displayUserInfo, userQuery);
    expect(sleeps).toEqual([2000]);
    expect(records.map((r) => [r.status, r.outcome])).toEqual([
      [429, "TikTokRateLimitedError"],
      [200, "ok"],
    ]);
  });

  it("treats an error code inside an HTTP 200 as an error with TikTok's code and log id, not retried", async () => {
    stub.failNext("/v2/video/list/", { kind: "error_in_200", code: "invalid_params", message: "bad cursor" });
    const error = await client()
      .call(displayVideoList, videoPage())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(error).toMatchObject({
      code: "invalid_params",
      status: 200,
      retriable: false,
      logId: expect.any(String),
    });
    expect(stub.requests.filter((r) => r.path === "/v2/video/list/")).toHaveLength(1);
  });

  it("names the field path when a reply has an unexpected shape", async () => {
    await stub.close();
    const account = stubAccount();
    (account.videos[3] as { view_count: unknown }).view_count = "many";
    stub = await startTikTokStub({ account });
    token = stub.issueAccessToken();
    const error = await client()
      .call(displayVideoList, videoPage())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokResponseShapeError);
    expect((error as TikTokResponseShapeError).issues).toEqual([
      { path: "data.videos[3].view_count", message: expect.stringContaining("number") },
    ]);
    expect(String(error)).toContain("/v2/video/list/: unexpected response shape: data.videos[3].view_count");
  });
});

describe("the Business API through the client", () => {
  const businessId = { business_id: "stub-open-id-1", fields: JSON.stringify(BUSINESS_PROFILE_FIELDS) };
  const videoQuery = { business_id: "stub-open-id-1", fields: JSON.stringify(BUSINESS_VIDEO_FIELDS) };

  it("reads the profile and pages videos with watch time and impression sources", async () => {
    const profile = await client().call(businessGet, { query: businessId });
    expect(profile.followers_count).toBe(stub.account.user.follower_count);
    const first = await client().call(businessVideoList, { query: { ...videoQuery, max_count: 20 } });
    const second = await client().call(businessVideoList, {
      query: { ...videoQuery, max_count: 20, cursor: first.cursor },
    });
    expect([first.videos.length, second.videos.length, second.has_more]).toEqual([20, 20, true]);
    expect(first.videos[0]?.impression_sources?.[0]).toEqual({
      impression_source: "For You",
      percentage: 0.72,
    });
  });

  it("backs off and retries code 40100 in an HTTP 200, doubling the wait", async () => {
    stub.failNext("/open_api/v1.3/business/get/", { kind: "rate_limited" }, 2);
    await client().call(businessGet, { query: businessId });
    expect(sleeps).toEqual([500, 1000]);
    expect(records.map((r) => r.outcome)).toEqual(["TikTokRateLimitedError", "TikTokRateLimitedError", "ok"]);
  });

  it("gives up after the allowed attempts with a rate-limit error", async () => {
    stub.failNext("/open_api/v1.3/business/get/", { kind: "rate_limited" }, 5);
    const error = await client({ maxAttempts: 3 })
      .call(businessGet, { query: businessId })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokRateLimitedError);
    expect(records).toHaveLength(3);
  });

  it("fails at once, carrying the delay, when TikTok asks for a wait longer than it may sleep", async () => {
    stub.failNext("/v2/user/info/", { kind: "rate_limited", retryAfterSeconds: 600 });
    const error = await client()
      .call(displayUserInfo, userQuery)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TikTokRateLimitedError", retryAfterMs: 600_000 });
    expect(sleeps).toEqual([]);
  });

  it("reports a non-zero code with HTTP 200 as an API error", async () => {
    const error = await client()
      .call(businessGet, { query: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokApiError);
    expect(error).toMatchObject({ code: "40002", status: 200, retriable: false });
  });
});

describe("expired and revoked tokens", () => {
  it("refreshes once on an expired token (rotating the refresh token) and retries", async () => {
    const before = { token, refreshToken };
    stub.expireAccessTokens();
    const profile = await client().call(businessGet, {
      query: { business_id: "stub-open-id-1", fields: JSON.stringify(BUSINESS_PROFILE_FIELDS) },
    });
    expect(profile.username).toBe("stubcreator");
    expect(token).not.toBe(before.token);
    expect(refreshToken).not.toBe(before.refreshToken);
    const reused = await oauth({ grant_type: "refresh_token", refresh_token: before.refreshToken });
    expect(reused.error).toBe("invalid_grant");
    expect(records.map((r) => r.outcome)).toEqual(["TikTokAuthError", "ok"]);
  });

  it("refreshes a Display API token after HTTP 401 access_token_invalid", async () => {
    stub.expireAccessTokens();
    await client().call(displayUserInfo, userQuery);
    expect(records.map((r) => r.status)).toEqual([401, 200]);
  });

  it("refreshes at most once: a token still refused afterwards is an auth error", async () => {
    let refreshes = 0;
    const stale = createTikTokClient({
      baseUrl: stub.url,
      credentials: { accessToken: () => "act.never-valid", refresh: async () => void refreshes++ },
      sleep: async () => {},
    });
    const error = await stale.call(displayUserInfo, userQuery).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokAuthError);
    expect(refreshes).toBe(1);
    expect(String(error)).not.toContain("act.never-valid");
  });

  it("surfaces a revoked grant from the refresh instead of retrying", async () => {
    stub.revokeGrant();
    const error = await client()
      .call(displayUserInfo, userQuery)
      .catch((e: unknown) => e);
    expect(String(error)).toContain("refresh failed: invalid_grant");
    expect(stub.requests.filter((r) => r.path === "/v2/user/info/")).toHaveLength(1);
  });
});

describe("slow responses", () => {
  it("times out each attempt and retries, then succeeds when TikTok answers in time", async () => {
    // Room for the answer in time even on a loaded machine; the slow one is far beyond it.
    stub.failNext("/v2/user/info/", { kind: "slow", delayMs: 3000 });
    await client({ timeoutMs: 1000 }).call(displayUserInfo, userQuery);
    expect(records.map((r) => [r.status, r.outcome])).toEqual([
      [0, "TikTokTimeoutError"],
      [200, "ok"],
    ]);
  });

  it("fails with a timeout error once every attempt has timed out", async () => {
    stub.failNext("/v2/user/info/", { kind: "slow", delayMs: 300 }, 2);
    const error = await client({ timeoutMs: 50, maxAttempts: 2 })
      .call(displayUserInfo, userQuery)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, retriable: true });
  });

  it("does not resend a call that writes after a timeout, since TikTok may have applied it", async () => {
    const write = { ...displayUserInfo, writes: true };
    stub.failNext("/v2/user/info/", { kind: "slow", delayMs: 300 });
    const error = await client({ timeoutMs: 50 })
      .call(write, userQuery)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokTimeoutError);
    expect(records).toHaveLength(1);
  });
});
