import type { Keyring } from "@tiktok-army/tiktok";
import { type TikTokAppConfig, tiktokAppConfigFromEnv } from "@tiktok-army/tiktok";
import { z } from "zod";
import { tokenKeyringFromEnv } from "./token-keyring.ts";

const tiktokEnvSchema = z.object({
  /** 1: run a local TikTok stub in the server's process and connect to it instead of TikTok. */
  TIKTOK_SANDBOX: z
    .enum(["0", "1", "true", "false"], "TIKTOK_SANDBOX must be 1 or 0")
    .default("0")
    .transform((value) => value === "1" || value === "true"),
  /** Port of the sandbox's TikTok on 127.0.0.1; 0: any free one. */
  TIKTOK_SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  /** Requests one TikTok token may send a minute, across every process. 0: no limit. */
  TIKTOK_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(600),
});

export interface TikTokSettings {
  /** The in-process stub stands in for TikTok (its app and hosts are known only once it runs). */
  sandbox: boolean;
  sandboxPort: number;
  /** The TikTok app of the environment; null: none (runs read demo data). Ignored in the sandbox. */
  app: TikTokAppConfig | null;
  /** TOKEN_ENCRYPTION_KEY; set whenever `app` is (the sandbox makes a throwaway one without it). */
  keyring: Keyring | undefined;
  tokenRequestsPerMinute: number;
  /** TIKTOK_REDIRECT_BASE_URL as set, for the sandbox (which otherwise uses the server's own URL). */
  redirectBaseUrl: string | undefined;
  /** Values no log line or stored text may show: the app secrets and the encryption keys. */
  secrets: string[];
}

/**
 * The TikTok settings of the environment, read once at the composition root (server and workers).
 * Throws naming the variable: TOKEN_ENCRYPTION_KEY missing while an app is configured, or invalid.
 * @example
 * const tiktok = tiktokSettingsFromEnv(process.env);
 */
export function tiktokSettingsFromEnv(env: Record<string, string | undefined>): TikTokSettings {
  const {
    TIKTOK_SANDBOX: sandbox,
    TIKTOK_SANDBOX_PORT: sandboxPort,
    TIKTOK_TOKEN_REQUESTS_PER_MINUTE,
  } = tiktokEnvSchema.parse(env);
  // The sandbox brings its own app; a configured one is not read (nor required to be complete).
  const app = sandbox ? null : tiktokAppConfigFromEnv(env);
  const keyring = tokenKeyringFromEnv(env, { required: app !== null && !sandbox });
  return {
    sandbox,
    sandboxPort,
    app,
    keyring,
    tokenRequestsPerMinute: TIKTOK_TOKEN_REQUESTS_PER_MINUTE,
    redirectBaseUrl: env.TIKTOK_REDIRECT_BASE_URL?.trim() || undefined,
    secrets: [
      app?.clientSecret,
      app?.businessSecret,
      env.TOKEN_ENCRYPTION_KEY?.trim(),
      ...Object.values(keyring?.keys ?? {}).map((key) => key.toString("base64")),
    ].filter((value): value is string => !!value),
  };
}

/** With a TikTok app (or the sandbox) runs read connected accounts, never the offline demo data. */
export function tiktokConfigured(settings: Pick<TikTokSettings, "sandbox" | "app">): boolean {
  return settings.sandbox || settings.app !== null;
}
