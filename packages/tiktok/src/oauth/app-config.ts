import { z } from "zod";
import type { ConnectionKind, TikTokAppConfig } from "./types.ts";

/** TikTok's real hosts, used unless an override points at a sandbox or a local stub. */
export const TIKTOK_DEFAULT_URLS: TikTokAppConfig["urls"] = {
  authorize: "https://www.tiktok.com",
  open: "https://open.tiktokapis.com",
  business: "https://business-api.tiktok.com",
  businessPortal: "https://business-api.tiktok.com",
};

/** A setting that is wrong. Names the variables, never their values (some are secrets). */
export class TikTokAppConfigError extends Error {
  override readonly name = "TikTokAppConfigError";
  readonly code = "invalid_tiktok_settings";
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(
      `TikTok app settings are invalid: ${Object.entries(fieldErrors)
        .map(([variable, messages]) => `${variable} ${messages.join(", ")}`)
        .join("; ")}`,
    );
  }
}

// Empty values count as unset, as `FOO=` in an env file means "not configured".
const setting = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));
const baseUrl = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim().replace(/\/+$/, "") : undefined))
  .refine((value) => value === undefined || (/^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value)), {
    message: "must be an http(s) URL",
  });

const envSchema = z.object({
  TIKTOK_CLIENT_KEY: setting,
  TIKTOK_CLIENT_SECRET: setting,
  TIKTOK_BUSINESS_APP_ID: setting,
  TIKTOK_BUSINESS_SECRET: setting,
  TIKTOK_REDIRECT_BASE_URL: baseUrl,
  TIKTOK_AUTHORIZE_URL: baseUrl,
  TIKTOK_OPEN_API_URL: baseUrl,
  TIKTOK_BUSINESS_API_URL: baseUrl,
  TIKTOK_BUSINESS_PORTAL_URL: baseUrl,
});

const PAIRS = [
  ["TIKTOK_CLIENT_KEY", "TIKTOK_CLIENT_SECRET"],
  ["TIKTOK_BUSINESS_APP_ID", "TIKTOK_BUSINESS_SECRET"],
] as const;

/**
 * Reads the TikTok app from the environment, once, at the composition root. Returns null when no
 * app is configured (the product then runs on offline data). A half-configured app (a key without
 * its secret, no redirect base URL) is an error naming each variable, so it never silently degrades.
 * @example
 * const app = tiktokAppConfigFromEnv(process.env); // null, or a config for createTikTokOAuth
 */
export function tiktokAppConfigFromEnv(env: Record<string, string | undefined>): TikTokAppConfig | null {
  const parsed = envSchema.safeParse(pickEnv(env));
  const fieldErrors: Record<string, string[]> = {};
  const fail = (variable: string, message: string) => {
    fieldErrors[variable] = [...(fieldErrors[variable] ?? []), message];
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(String(issue.path[0]), issue.message);
    throw new TikTokAppConfigError(fieldErrors);
  }
  const values = parsed.data;
  if (!PAIRS.some(([id, secret]) => values[id] || values[secret])) return null;
  for (const [id, secret] of PAIRS) {
    if (values[id] && !values[secret]) fail(secret, `is required when ${id} is set`);
    if (values[secret] && !values[id]) fail(id, `is required when ${secret} is set`);
  }
  if (!values.TIKTOK_REDIRECT_BASE_URL)
    fail(
      "TIKTOK_REDIRECT_BASE_URL",
      "is required when a TikTok app is configured (e.g. http://localhost:3000)",
    );
  if (Object.keys(fieldErrors).length > 0) throw new TikTokAppConfigError(fieldErrors);
  return {
    clientKey: values.TIKTOK_CLIENT_KEY,
    clientSecret: values.TIKTOK_CLIENT_SECRET,
    businessAppId: values.TIKTOK_BUSINESS_APP_ID,
    businessSecret: values.TIKTOK_BUSINESS_SECRET,
    redirectBaseUrl: values.TIKTOK_REDIRECT_BASE_URL as string,
    urls: {
      authorize: values.TIKTOK_AUTHORIZE_URL ?? TIKTOK_DEFAULT_URLS.authorize,
      open: values.TIKTOK_OPEN_API_URL ?? TIKTOK_DEFAULT_URLS.open,
      business: values.TIKTOK_BUSINESS_API_URL ?? TIKTOK_DEFAULT_URLS.business,
      businessPortal: values.TIKTOK_BUSINESS_PORTAL_URL ?? TIKTOK_DEFAULT_URLS.businessPortal,
    },
  };
}

/** The callback URL registered at TikTok for `kind`, e.g. `http://localhost:3000/oauth/tiktok/callback/creator`. */
export function tiktokCallbackUrl(
  config: Pick<TikTokAppConfig, "redirectBaseUrl">,
  kind: ConnectionKind,
): string {
  return `${config.redirectBaseUrl.replace(/\/+$/, "")}/oauth/tiktok/callback/${kind}`;
}

/** `${origin}${path}` without a doubled slash, keeping any path prefix the base URL has. */
export function endpointUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

function pickEnv(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key]]));
}
