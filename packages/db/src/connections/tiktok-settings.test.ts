import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tiktokSettingsFromEnv } from "./tiktok-settings.ts";

const key = `k1:${randomBytes(32).toString("base64")}`;

describe("TikTok settings", () => {
  it("are off without an app: no key needed, demo data", () => {
    expect(tiktokSettingsFromEnv({})).toMatchObject({
      sandbox: false,
      app: null,
      keyring: undefined,
      secrets: [],
    });
  });

  it("need TOKEN_ENCRYPTION_KEY once an app is configured, and name it when it is missing or bad", () => {
    const app = {
      TIKTOK_CLIENT_KEY: "ck",
      TIKTOK_CLIENT_SECRET: "cs",
      TIKTOK_REDIRECT_BASE_URL: "https://tiktok-army.example.com",
    };
    expect(() => tiktokSettingsFromEnv(app)).toThrow(/TOKEN_ENCRYPTION_KEY is required/);
    expect(() => tiktokSettingsFromEnv({ ...app, TOKEN_ENCRYPTION_KEY: "k1:short" })).toThrow(
      /TOKEN_ENCRYPTION_KEY is invalid: key "k1" is \d+ bytes; AES-256 needs 32/,
    );
    const settings = tiktokSettingsFromEnv({ ...app, TOKEN_ENCRYPTION_KEY: key });
    expect(settings.keyring?.currentKeyId).toBe("k1");
    expect(settings.app).toMatchObject({ clientKey: "ck", urls: { open: "https://open.tiktokapis.com" } });
    expect(settings.secrets).toEqual(expect.arrayContaining(["cs", key]));
  });

  it("take the sandbox without a key, and refuse a sandbox switch they cannot read", () => {
    expect(tiktokSettingsFromEnv({ TIKTOK_SANDBOX: "1", TIKTOK_CLIENT_KEY: "ck" })).toMatchObject({
      sandbox: true,
      keyring: undefined,
    });
    expect(() => tiktokSettingsFromEnv({ TIKTOK_SANDBOX: "yes" })).toThrow(/TIKTOK_SANDBOX must be 1 or 0/);
  });
});
