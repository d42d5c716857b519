import { afterEach, describe, expect, it } from "vitest";
import { createTikTokOAuth } from "../oauth/create-tiktok-oauth.ts";
import { stubAppConfig } from "./stub-app-config.ts";
import { startTikTokStub, type TikTokStub } from "./stub-server.ts";

let stub: TikTokStub;
afterEach(() => stub.close());

const BASE = "http://localhost:3000";

describe("the stub's consent pages", () => {
  it("show the app and its scopes as plain HTML with Authorize and Cancel buttons, for every kind", async () => {
    stub = await startTikTokStub();
    const oauth = createTikTokOAuth(stubAppConfig(stub, BASE));
    for (const kind of ["creator", "business", "advertiser"] as const) {
      const url = oauth.authorizationUrl(kind, { state: "s", codeVerifier: "v".repeat(43) });
      const response = await fetch(url);
      const html = await response.text();
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(html).toMatch(/<button type="submit" name="decision" value="allow">Authorize<\/button>/);
      expect(html).toMatch(/<button type="submit" name="decision" value="deny">Cancel<\/button>/);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(`${BASE}/oauth/tiktok/callback/${kind}`);
    }
    const creatorPage = await (
      await fetch(oauth.authorizationUrl("creator", { state: "s", codeVerifier: "v" }))
    ).text();
    expect(creatorPage).toContain("<li>video.list</li>");
  });

  it("refuses an unknown app and, when the app registered one redirect URI, any other", async () => {
    stub = await startTikTokStub({ redirectUri: `${BASE}/oauth/tiktok/callback/business` });
    const unknown = await fetch(
      `${stub.url}/v2/auth/authorize/?client_key=nope&response_type=code&redirect_uri=${BASE}`,
    );
    expect(unknown.status).toBe(400);
    const oauth = createTikTokOAuth(stubAppConfig(stub, BASE));
    expect((await fetch(oauth.authorizationUrl("business", { state: "s" }))).status).toBe(200);
    const other = await fetch(oauth.authorizationUrl("advertiser", { state: "s" }));
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("redirect_uri is not registered");
  });

  it("redirects back with the state, and binds the code to the redirect URI it was asked for", async () => {
    stub = await startTikTokStub();
    const oauth = createTikTokOAuth(stubAppConfig(stub, BASE));
    const callback = await stub.consent(oauth.authorizationUrl("business", { state: "st-1" }));
    expect(callback.origin + callback.pathname).toBe(`${BASE}/oauth/tiktok/callback/business`);
    expect(callback.searchParams.get("state")).toBe("st-1");
    const elsewhere = createTikTokOAuth(stubAppConfig(stub, "http://localhost:4000"));
    await expect(
      elsewhere.exchangeCode("business", callback.searchParams, { state: "st-1" }),
    ).rejects.toMatchObject({ code: "exchange_failed" });
  });
});
