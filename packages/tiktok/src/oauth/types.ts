/** What a workspace can connect: a creator (Login Kit), a business account (TikTok Accounts API), an advertiser (Marketing API). */
export type ConnectionKind = "creator" | "business" | "advertiser";

export const CONNECTION_KINDS = [
  "creator",
  "business",
  "advertiser",
] as const satisfies readonly ConnectionKind[];

/** The app registered at TikTok, and where its hosts are (real ones, a sandbox, or a local stub). */
export interface TikTokAppConfig {
  /** Login Kit (creator): `TIKTOK_CLIENT_KEY` / `TIKTOK_CLIENT_SECRET`. */
  clientKey?: string;
  clientSecret?: string;
  /** API for Business (business account and advertiser): `TIKTOK_BUSINESS_APP_ID` / `TIKTOK_BUSINESS_SECRET`. */
  businessAppId?: string;
  businessSecret?: string;
  /** `TIKTOK_REDIRECT_BASE_URL`, e.g. `http://localhost:3000`; callbacks are `${base}/oauth/tiktok/callback/${kind}`. */
  redirectBaseUrl: string;
  /** Origins of TikTok's hosts: www.tiktok.com, open.tiktokapis.com, business-api.tiktok.com (API and portal). */
  urls: { authorize: string; open: string; business: string; businessPortal: string };
}

/** Tokens from an exchange or a refresh, with expiries computed from TikTok's reply. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string | null;
  /** From `expires_in`; null = does not expire (Marketing API tokens). */
  accessExpiresAt: Date | null;
  /** From `refresh_expires_in` / `refresh_token_expires_in`; null = no refresh token. */
  refreshExpiresAt: Date | null;
  scopes: string[];
  /** creator: open_id; business: the business account's open_id (its `business_id`); advertiser: the authorizing user's `core_user_id`. */
  externalId: string;
  /** advertiser only: the advertiser ids the token covers. */
  advertiserIds?: string[];
}

/** What the server needs to run a connection's OAuth dance; one implementation per app config. */
export interface TikTokOAuth {
  /** The kinds this app config can connect. */
  kinds(): ConnectionKind[];
  /** Where to send the user. `state` is bound to the caller's session; `codeVerifier` is required when `needsPkce(kind)`. */
  authorizationUrl(kind: ConnectionKind, request: { state: string; codeVerifier?: string }): URL;
  needsPkce(kind: ConnectionKind): boolean;
  /** Checks the callback's `state` and `error`, reads `code` (or `auth_code`), and exchanges it. */
  exchangeCode(
    kind: ConnectionKind,
    callback: URLSearchParams,
    request: { state: string; codeVerifier?: string },
  ): Promise<TokenGrant>;
  /** A new grant with the rotated refresh token; throws `TikTokAuthError` code "reauth_required" when the grant is gone. */
  refresh(kind: ConnectionKind, refreshToken: string): Promise<TokenGrant>;
  revoke(kind: ConnectionKind, accessToken: string): Promise<void>;
  /** Advertiser accounts an advertiser token may manage, with their names (`/oauth2/advertiser/get/`). */
  advertisers(accessToken: string): Promise<{ id: string; name: string }[]>;
}
