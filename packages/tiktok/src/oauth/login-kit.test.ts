import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DISPLAY_USER_FIELDS, displayUserInfo } from "../display/endpoints.ts";
import { TikTokAuthError } from "../errors.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { stubAppConfig } from "../testing/stub-app-config.ts";
import { startTikTokStub, type TikTokStub } from "../testing/stub-server.ts";
import { createTikTokOAuth } from "./create-tiktok-oauth.ts";
import { TikTokOAuthError } from "./oauth-error.ts";
import { newCodeVerifier, newOAuthState } from "./pkce.ts";
import type { TikTokOAuth } from "./types.ts";

const NOW = new Date("2026-09-01T10:00:00Z");
const BASE = "http://localhost:3000";
let stub: TikTokStub;
let oauth: TikTokOAuth;
let calls: TikTokCallRecord[];

beforeEach(async () => {
  stub = await startTikTokStub({ accessTokenTtl: 3600 });
  calls = [];
  oauth = createTikTokOAuth(stubAppConfig(stub, BASE), {
    now: () => NOW,
    record: (call) => calls.push(call),
  });
});
afterEach(() => stub.close());

/** Authorize in the stub's consent page as the user would, and come back with the callback's query. */
async function connect(decision: "allow" | "deny" = "allow") {
  const request = { state: newOAuthState(), codeVerifier: newCodeVerifier() };
  const callback = await stub.consent(oauth.authorizationUrl("creator", request), decision);
  return { request, callback };
}

async function userInfo(accessToken: string) {
  const display = createTikTokClient({ baseUrl: stub.url, credentials: { accessToken: () => accessToken } });
  return display.call(displayUserInfo, { query: { fields: DISPLAY_USER_FIELDS.join(",") } });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("creator connection (Login Kit v2) against the stub", () => {
  it("builds the authorize URL on the configured host with the client key, scopes, state and a hex PKCE challenge", () => {
    const url = oauth.authorizationUrl("creator", { state: "state-1", codeVerifier: "verifier-1" });
    expect(url.origin + url.pathname).toBe(`${stub.url}/v2/auth/authorize/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: stub.clientKey,
      scope: "user.info.basic,user.info.profile,user.info.stats,video.list",
      response_type: "code",
      redirect_uri: `${BASE}/oauth/tiktok/callback/creator`,
      state: "state-1",
      // sha256("verifier-1") in hex, as TikTok requires (not RFC 7636's base64url)
      code_challenge: "c5361104b4c3b75812dfeaf0ff714155a7d9d22360f5b65805b1bc7d13ef904b",
      code_challenge_method: "S256",
    });
    expect(oauth.needsPkce("creator")).toBe(true);
  });

  it("exchanges the code from the consent page for a grant whose expiries come from the reply", async () => {
    const { request, callback } = await connect();
    const grant = await oauth.exchangeCode("creator", callback.searchParams, request);
    expect(grant).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessExpiresAt: new Date(NOW.getTime() + 3600 * 1000),
      refreshExpiresAt: new Date(NOW.getTime() + 15_552_000 * 1000),
      scopes: ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"],
      externalId: stub.account.user.open_id,
    });
    expect((await userInfo(grant.accessToken)).user.display_name).toBe(stub.account.user.display_name);
    expect(calls.map((c) => [c.endpoint, c.outcome])).toEqual([["/v2/oauth/token/", "ok"]]);
    expect(JSON.stringify(calls)).not.toContain(grant.accessToken);
    expect(JSON.stringify(calls)).not.toContain(stub.clientSecret);
  });

  it("refuses a callback whose state is not this session's, before calling TikTok", async () => {
    const { request, callback } = await connect();
    const error = await rejection(
      oauth.exchangeCode("creator", callback.searchParams, { ...request, state: "other" }),
    );
    expect(error).toBeInstanceOf(TikTokOAuthError);
    expect(error).toMatchObject({ code: "state_mismatch", kind: "creator" });
    expect(stub.requests.some((r) => r.path === "/v2/oauth/token/")).toBe(false);
  });

  it("reports a user who pressed Cancel as denied", async () => {
    const { request, callback } = await connect("deny");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    await expect(oauth.exchangeCode("creator", callback.searchParams, request)).rejects.toMatchObject({
      code: "denied",
    });
  });

  it("fails the exchange when the code verifier is not the one the challenge was made from", async () => {
    const { request, callback } = await connect();
    const error = await rejection(
      oauth.exchangeCode("creator", callback.searchParams, { ...request, codeVerifier: newCodeVerifier() }),
    );
    expect(error).toMatchObject({ code: "exchange_failed" });
    expect(String(error)).toContain("invalid_request");
    expect(String(error)).not.toContain(callback.searchParams.get("code"));
  });

  it("rotates the refresh token: the new one works, the old one is spent", async () => {
    const { request, callback } = await connect();
    const first = await oauth.exchangeCode("creator", callback.searchParams, request);
    const second = await oauth.refresh("creator", first.refreshToken ?? "");
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    const reused = await rejection(oauth.refresh("creator", first.refreshToken ?? ""));
    expect(reused).toBeInstanceOf(TikTokAuthError);
    expect(reused).toMatchObject({ code: "reauth_required" });
    await expect(oauth.refresh("creator", second.refreshToken ?? "")).resolves.toMatchObject({
      externalId: stub.account.user.open_id,
    });
  });

  it("asks for re-authorization when the user revoked the grant", async () => {
    const { request, callback } = await connect();
    const grant = await oauth.exchangeCode("creator", callback.searchParams, request);
    stub.revokeGrant();
    await expect(oauth.refresh("creator", grant.refreshToken ?? "")).rejects.toMatchObject({
      name: "TikTokAuthError",
      code: "reauth_required",
    });
  });

  it("revokes: the access token and the refresh token stop working", async () => {
    const { request, callback } = await connect();
    const grant = await oauth.exchangeCode("creator", callback.searchParams, request);
    await oauth.revoke("creator", grant.accessToken);
    await expect(userInfo(grant.accessToken)).rejects.toBeInstanceOf(TikTokAuthError);
    await expect(oauth.refresh("creator", grant.refreshToken ?? "")).rejects.toMatchObject({
      code: "reauth_required",
    });
  });

  it("keeps a throttled refresh retriable rather than asking for re-authorization", async () => {
    const { request, callback } = await connect();
    const grant = await oauth.exchangeCode("creator", callback.searchParams, request);
    stub.failNext("/v2/oauth/token/", { kind: "rate_limited", retryAfterSeconds: 1 });
    await expect(oauth.refresh("creator", grant.refreshToken ?? "")).rejects.toMatchObject({
      name: "TikTokRateLimitedError",
      retriable: true,
    });
  });

  it("needs a code verifier to build the URL or exchange", () => {
    expect(() => oauth.authorizationUrl("creator", { state: "s" })).toThrow(
      expect.objectContaining({ code: "pkce_required" }),
    );
  });
});
