import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TikTokAuthError } from "../errors.ts";
import type { TikTokCallRecord } from "../http-client.ts";
import { stubAppConfig } from "../testing/stub-app-config.ts";
import { startTikTokStub, type TikTokStub } from "../testing/stub-server.ts";
import { createTikTokOAuth } from "./create-tiktok-oauth.ts";
import { newOAuthState } from "./pkce.ts";
import type { TikTokOAuth } from "./types.ts";

const BASE = "http://localhost:3000";
const ADVERTISERS = ["7300000000000000011", "7300000000000000012", "7300000000000000013"];
let stub: TikTokStub;
let oauth: TikTokOAuth;
let calls: TikTokCallRecord[];

beforeEach(async () => {
  stub = await startTikTokStub({ advertiserIds: ADVERTISERS });
  calls = [];
  oauth = createTikTokOAuth(stubAppConfig(stub, BASE), { record: (call) => calls.push(call) });
});
afterEach(() => stub.close());

async function connect(decision: "allow" | "deny" = "allow") {
  const request = { state: newOAuthState() };
  const callback = await stub.consent(oauth.authorizationUrl("advertiser", request), decision);
  return { request, callback };
}

describe("advertiser connection (Marketing API) against the stub", () => {
  it("sends the advertiser to the portal with the app id, state and redirect URI", () => {
    const url = oauth.authorizationUrl("advertiser", { state: "state-1" });
    expect(url.origin + url.pathname).toBe(`${stub.url}/portal/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: stub.businessAppId,
      state: "state-1",
      redirect_uri: `${BASE}/oauth/tiktok/callback/advertiser`,
    });
    expect(oauth.needsPkce("advertiser")).toBe(false);
  });

  it("exchanges the portal's auth_code for a long-lived token and the advertisers it covers", async () => {
    const { request, callback } = await connect();
    expect(callback.searchParams.has("auth_code")).toBe(true);
    const grant = await oauth.exchangeCode("advertiser", callback.searchParams, request);
    expect(grant).toEqual({
      accessToken: expect.any(String),
      refreshToken: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      scopes: ["1", "2", "4"],
      externalId: "7100000000000000001",
      advertiserIds: ADVERTISERS,
    });
    await expect(oauth.advertisers(grant.accessToken)).resolves.toEqual(
      ADVERTISERS.map((id, i) => ({ id, name: `Stub Advertiser ${i + 1}` })),
    );
    const serialized = JSON.stringify(calls);
    expect(serialized).not.toContain(grant.accessToken);
    expect(serialized).not.toContain(stub.businessSecret);
    expect(serialized).not.toContain(callback.searchParams.get("auth_code"));
  });

  it("refuses a forged state and a denial, and a reply without auth_code", async () => {
    const { request, callback } = await connect();
    await expect(
      oauth.exchangeCode("advertiser", callback.searchParams, { state: "not-mine" }),
    ).rejects.toMatchObject({ code: "state_mismatch" });
    const denied = await connect("deny");
    await expect(
      oauth.exchangeCode("advertiser", denied.callback.searchParams, denied.request),
    ).rejects.toMatchObject({ code: "denied" });
    const codeOnly = new URLSearchParams({ state: request.state, code: "x" });
    await expect(oauth.exchangeCode("advertiser", codeOnly, request)).rejects.toMatchObject({
      code: "missing_code",
    });
  });

  it("fails the exchange of an auth_code already spent", async () => {
    const { request, callback } = await connect();
    await oauth.exchangeCode("advertiser", callback.searchParams, request);
    await expect(oauth.exchangeCode("advertiser", callback.searchParams, request)).rejects.toMatchObject({
      code: "exchange_failed",
    });
  });

  it("has no refresh: the token is long-lived", async () => {
    await expect(oauth.refresh("advertiser", "anything")).rejects.toMatchObject({ code: "not_refreshable" });
  });

  it("revokes: the token no longer lists advertisers", async () => {
    const { request, callback } = await connect();
    const grant = await oauth.exchangeCode("advertiser", callback.searchParams, request);
    await oauth.revoke("advertiser", grant.accessToken);
    await expect(oauth.advertisers(grant.accessToken)).rejects.toBeInstanceOf(TikTokAuthError);
  });
});
