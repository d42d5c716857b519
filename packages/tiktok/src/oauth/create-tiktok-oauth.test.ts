import { describe, expect, it } from "vitest";
import { TIKTOK_DEFAULT_URLS } from "./app-config.ts";
import { createTikTokOAuth } from "./create-tiktok-oauth.ts";

const base = { redirectBaseUrl: "https://app.example.com", urls: TIKTOK_DEFAULT_URLS };

describe("createTikTokOAuth", () => {
  it("connects only the kinds whose credentials are configured", () => {
    expect(createTikTokOAuth({ ...base, clientKey: "k", clientSecret: "s" }).kinds()).toEqual(["creator"]);
    expect(createTikTokOAuth({ ...base, businessAppId: "a", businessSecret: "s" }).kinds()).toEqual([
      "business",
      "advertiser",
    ]);
    expect(
      createTikTokOAuth({
        ...base,
        clientKey: "k",
        clientSecret: "s",
        businessAppId: "a",
        businessSecret: "s",
      }).kinds(),
    ).toEqual(["creator", "business", "advertiser"]);
  });

  it("refuses a kind the config cannot connect, saying which settings it needs", () => {
    const oauth = createTikTokOAuth({ ...base, clientKey: "k", clientSecret: "s" });
    expect(() => oauth.authorizationUrl("advertiser", { state: "s" })).toThrow(
      /TIKTOK_BUSINESS_APP_ID and TIKTOK_BUSINESS_SECRET/,
    );
  });

  it("points at TikTok's real hosts by default", () => {
    const oauth = createTikTokOAuth({
      ...base,
      clientKey: "k",
      clientSecret: "s",
      businessAppId: "a",
      businessSecret: "s",
    });
    expect(oauth.authorizationUrl("creator", { state: "s", codeVerifier: "v".repeat(43) }).origin).toBe(
      "https://www.tiktok.com",
    );
    expect(oauth.authorizationUrl("business", { state: "s" }).origin).toBe("https://www.tiktok.com");
    expect(oauth.authorizationUrl("advertiser", { state: "s" }).href).toMatch(
      /^https:\/\/business-api\.tiktok\.com\/portal\/auth\?/,
    );
  });
});
