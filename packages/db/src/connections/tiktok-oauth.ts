/**
 * The OAuth port of `@tiktok-army/tiktok` (its `oauth/` folder), as the connections code uses it.
 * Until that package exports these names, this file declares them; once it does, this file becomes
 * `export { … } from "@tiktok-army/tiktok"` and nothing else changes.
 */

export type ConnectionKind = "creator" | "business" | "advertiser";

export interface TikTokAppConfig {
  /** Login Kit (creator): TIKTOK_CLIENT_KEY / TIKTOK_CLIENT_SECRET. */
  clientKey?: string;
  clientSecret?: string;
  /** API for Business (business and advertiser): TIKTOK_BUSINESS_APP_ID / TIKTOK_BUSINESS_SECRET. */
  businessAppId?: string;
  businessSecret?: string;
  /** TIKTOK_REDIRECT_BASE_URL; the callback is `${base}/oauth/tiktok/callback/${kind}`. */
  redirectBaseUrl: string;
  urls: { authorize: string; open: string; business: string; businessPortal: string };
}

export interface TokenGrant {
  accessToken: string;
  refreshToken: string | null;
  /** From `expires_in` / `refresh_expires_in`; null: does not expire. */
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scopes: string[];
  /** creator: open_id; business: the business account's id; advertiser: the authorizing user's id. */
  externalId: string;
  /** advertiser only: the advertiser ids the token covers. */
  advertiserIds?: string[];
}

export interface TikTokOAuth {
  /** The kinds this app configuration can connect. */
  kinds(): ConnectionKind[];
  authorizationUrl(kind: ConnectionKind, request: { state: string; codeVerifier?: string }): URL;
  needsPkce(kind: ConnectionKind): boolean;
  /** Validates `state` and reads `code` (or `auth_code`) from the callback's query. */
  exchangeCode(
    kind: ConnectionKind,
    callback: URLSearchParams,
    request: { state: string; codeVerifier?: string },
  ): Promise<TokenGrant>;
  /** Throws `TikTokAuthError` (code "reauth_required") when the grant is gone. */
  refresh(kind: ConnectionKind, refreshToken: string): Promise<TokenGrant>;
  revoke(kind: ConnectionKind, accessToken: string): Promise<void>;
}

export type CreateTikTokOAuth = (config: TikTokAppConfig, options?: { fetch?: typeof fetch }) => TikTokOAuth;

const DEFAULT_URLS: TikTokAppConfig["urls"] = {
  authorize: "https://www.tiktok.com",
  open: "https://open.tiktokapis.com",
  business: "https://business-api.tiktok.com",
  businessPortal: "https://business-api.tiktok.com",
};

/** The TikTok app of the environment, or null when none is configured (the product reads demo data). */
export function tiktokAppConfigFromEnv(env: Record<string, string | undefined>): TikTokAppConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const clientKey = value("TIKTOK_CLIENT_KEY");
  const businessAppId = value("TIKTOK_BUSINESS_APP_ID");
  if (!clientKey && !businessAppId) return null;
  return {
    clientKey,
    clientSecret: value("TIKTOK_CLIENT_SECRET"),
    businessAppId,
    businessSecret: value("TIKTOK_BUSINESS_SECRET"),
    redirectBaseUrl: value("TIKTOK_REDIRECT_BASE_URL") ?? "http://127.0.0.1:3001",
    urls: {
      authorize: value("TIKTOK_AUTHORIZE_BASE_URL") ?? DEFAULT_URLS.authorize,
      open: value("TIKTOK_OPEN_API_BASE_URL") ?? DEFAULT_URLS.open,
      business: value("TIKTOK_BUSINESS_API_BASE_URL") ?? DEFAULT_URLS.business,
      businessPortal: value("TIKTOK_BUSINESS_PORTAL_BASE_URL") ?? DEFAULT_URLS.businessPortal,
    },
  };
}

/** Replaced by `@tiktok-army/tiktok`'s flows; until then a configured app cannot connect accounts. */
export const createTikTokOAuth: CreateTikTokOAuth = () => {
  throw new Error(
    "this build has no TikTok OAuth flows: @tiktok-army/tiktok does not export createTikTokOAuth",
  );
};
