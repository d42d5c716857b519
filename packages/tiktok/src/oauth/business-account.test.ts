import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUSINESS_PROFILE_FIELDS, businessGet } from "../business/endpoints.ts";
import { TikTokAuthError } from "../errors.ts";
import { createTikTokClient, type TikTokCallRecord } from "../http-client.ts";
import { stubAppConfig } from "../testing/stub-app-config.ts";
import { startTikTokStub, type TikTokStub } from "../testing/stub-server.ts";
import { createTikTokOAuth } from "./create-tiktok-oauth.ts";
import { newOAuthState } from "./pkce.ts";
import type { TikTokOAuth } from "./types.ts";

const NOW = new Date("2026-09-01T10:00:00Z");
const BASE = "http://localhost:3000";
let stub: TikTokStub;
let oauth: TikTokOAuth;
let calls: TikTokCallRecord[];

beforeEach(async () => {
  stub = await startTikTokStub({ accessTokenTtl: 86_400 });
  calls = [];
  oauth = createTikTokOAuth(stubAppConfig(stub, BASE), {
    now: () => NOW,
    record: (call) => calls.push(call),
  });
});
afterEach(() => stub.close());

async function connect(decision: "allow" | "deny" = "allow") {
  const request = { state: newOAuthState() };
  const callback = await stub.consent(oauth.authorizationUrl("business", request), decision);
  return { request, callback };
}

async function connected() {
  const { request, callback } = await connect();
  return oauth.exchangeCode("business", callback.searchParams, request);
}

function profile(accessToken: string, businessId: string) {
  const client = createTikTokClient({ baseUrl: stub.url, credentials: { accessToken: () => accessToken } });
  return client.call(businessGet, {
    query: { business_id: businessId, fields: JSON.stringify(BUSINESS_PROFILE_FIELDS) },
  });
}

describe("business account connection (TikTok Accounts API) against the stub", () => {
  it("sends the account holder to TikTok's authorize page with the business app id as client key, no PKCE", () => {
    const url = oauth.authorizationUrl("business", { state: "state-1" });
    expect(url.origin + url.pathname).toBe(`${stub.url}/v2/auth/authorize/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: stub.businessAppId,
      scope: expect.stringContaining("video.insights"),
      response_type: "code",
      redirect_uri: `${BASE}/oauth/tiktok/callback/business`,
      state: "state-1",
    });
    expect(oauth.needsPkce("business")).toBe(false);
  });

  it("exchanges the code for a grant whose open_id reads the business account", async () => {
    const grant = await connected();
    expect(grant).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      accessExpiresAt: new Date(NOW.getTime() + 86_400 * 1000),
      refreshExpiresAt: new Date(NOW.getTime() + 31_536_000 * 1000),
      scopes: expect.arrayContaining(["user.info.basic", "video.list", "video.insights"]),
      externalId: stub.businessOpenId,
    });
    expect((await profile(grant.accessToken, grant.externalId)).username).toBe(
      stub.account.business.username,
    );
    const record = calls.find((c) => c.endpoint.endsWith("/tt_user/oauth2/token/"));
    expect(record?.params).toMatchObject({
      client_id: stub.businessAppId,
      client_secret: "[redacted]",
      auth_code: "[redacted]",
    });
    expect(JSON.stringify(calls)).not.toContain(stub.businessSecret);
  });

  it("refuses a forged state and a denial", async () => {
    const { request, callback } = await connect();
    await expect(
      oauth.exchangeCode("business", callback.searchParams, { state: `${request.state}x` }),
    ).rejects.toMatchObject({ name: "TikTokOAuthError", code: "state_mismatch" });
    const denied = await connect("deny");
    await expect(
      oauth.exchangeCode("business", denied.callback.searchParams, denied.request),
    ).rejects.toMatchObject({ code: "denied" });
  });

  it("fails the exchange of a code already spent", async () => {
    const { request, callback } = await connect();
    await oauth.exchangeCode("business", callback.searchParams, request);
    await expect(oauth.exchangeCode("business", callback.searchParams, request)).rejects.toMatchObject({
      code: "exchange_failed",
    });
  });

  it("rotates the refresh token: the old one then asks for re-authorization", async () => {
    const first = await connected();
    const second = await oauth.refresh("business", first.refreshToken ?? "");
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(profile(second.accessToken, second.externalId)).resolves.toBeDefined();
    await expect(oauth.refresh("business", first.refreshToken ?? "")).rejects.toMatchObject({
      name: "TikTokAuthError",
      code: "reauth_required",
    });
  });

  it("asks for re-authorization after the user revoked the grant", async () => {
    const grant = await connected();
    stub.revokeGrant();
    const error = await oauth.refresh("business", grant.refreshToken ?? "").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokAuthError);
    expect(error).toMatchObject({ code: "reauth_required" });
  });

  it("revokes: the access token stops working", async () => {
    const grant = await connected();
    await oauth.revoke("business", grant.accessToken);
    await expect(profile(grant.accessToken, grant.externalId)).rejects.toBeInstanceOf(TikTokAuthError);
  });
});
