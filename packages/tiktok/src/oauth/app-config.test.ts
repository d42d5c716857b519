import { describe, expect, it } from "vitest";
import {
  TIKTOK_DEFAULT_URLS,
  TikTokAppConfigError,
  tiktokAppConfigFromEnv,
  tiktokCallbackUrl,
} from "./app-config.ts";

const creator = { TIKTOK_CLIENT_KEY: "ck-visible", TIKTOK_CLIENT_SECRET: "cs-very-secret" };
const business = { TIKTOK_BUSINESS_APP_ID: "app-1", TIKTOK_BUSINESS_SECRET: "bs-very-secret" };
const base = { TIKTOK_REDIRECT_BASE_URL: "http://localhost:3000/" };

function configError(env: Record<string, string | undefined>): TikTokAppConfigError {
  try {
    tiktokAppConfigFromEnv(env);
  } catch (error) {
    if (error instanceof TikTokAppConfigError) return error;
    throw error;
  }
  throw new Error("expected a TikTokAppConfigError");
}

describe("tiktokAppConfigFromEnv", () => {
  it("is null when no TikTok app is configured, even with base URLs or empty values set", () => {
    expect(tiktokAppConfigFromEnv({})).toBeNull();
    expect(
      tiktokAppConfigFromEnv({ ...base, TIKTOK_OPEN_API_URL: "http://127.0.0.1:1", TIKTOK_CLIENT_KEY: " " }),
    ).toBeNull();
  });

  it("reads both apps, TikTok's real hosts by default, and trims the redirect base", () => {
    expect(tiktokAppConfigFromEnv({ ...creator, ...business, ...base })).toEqual({
      clientKey: "ck-visible",
      clientSecret: "cs-very-secret",
      businessAppId: "app-1",
      businessSecret: "bs-very-secret",
      redirectBaseUrl: "http://localhost:3000",
      urls: TIKTOK_DEFAULT_URLS,
    });
  });

  it("takes each host from its override", () => {
    const config = tiktokAppConfigFromEnv({
      ...business,
      ...base,
      TIKTOK_AUTHORIZE_URL: "http://127.0.0.1:4001",
      TIKTOK_OPEN_API_URL: "http://127.0.0.1:4002/",
      TIKTOK_BUSINESS_API_URL: "http://127.0.0.1:4003",
      TIKTOK_BUSINESS_PORTAL_URL: "http://127.0.0.1:4004",
    });
    expect(config?.urls).toEqual({
      authorize: "http://127.0.0.1:4001",
      open: "http://127.0.0.1:4002",
      business: "http://127.0.0.1:4003",
      businessPortal: "http://127.0.0.1:4004",
    });
    expect(config?.clientKey).toBeUndefined();
  });

  it("refuses a half-configured app, naming the missing variable", () => {
    expect(configError({ TIKTOK_CLIENT_KEY: "ck", ...base }).fieldErrors).toEqual({
      TIKTOK_CLIENT_SECRET: ["is required when TIKTOK_CLIENT_KEY is set"],
    });
    expect(configError({ TIKTOK_BUSINESS_SECRET: "bs", ...base }).message).toMatch(
      /TIKTOK_BUSINESS_APP_ID is required when TIKTOK_BUSINESS_SECRET is set/,
    );
  });

  it("requires the redirect base URL once an app is configured", () => {
    expect(Object.keys(configError(creator).fieldErrors)).toEqual(["TIKTOK_REDIRECT_BASE_URL"]);
  });

  it("names a malformed URL variable and never prints a secret", () => {
    const error = configError({
      ...creator,
      ...business,
      TIKTOK_REDIRECT_BASE_URL: "localhost:3000",
      TIKTOK_BUSINESS_API_URL: "ftp://x",
    });
    expect(Object.keys(error.fieldErrors).sort()).toEqual([
      "TIKTOK_BUSINESS_API_URL",
      "TIKTOK_REDIRECT_BASE_URL",
    ]);
    expect(error.message).toContain("TIKTOK_REDIRECT_BASE_URL must be an http(s) URL");
    expect(error.message).not.toMatch(/very-secret|localhost:3000|ftp/);
  });
});

describe("tiktokCallbackUrl", () => {
  it("is the kind's callback under the redirect base", () => {
    expect(tiktokCallbackUrl({ redirectBaseUrl: "https://app.example.com/" }, "advertiser")).toBe(
      "https://app.example.com/oauth/tiktok/callback/advertiser",
    );
  });
});
