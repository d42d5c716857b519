import type { TikTokCallRecord } from "../http-client.ts";
import { createBusinessAccountFlow } from "./business-account.ts";
import type { OAuthFlow, OAuthFlowOptions } from "./flow.ts";
import { createLoginKitFlow } from "./login-kit.ts";
import { createMarketingFlow } from "./marketing.ts";
import { TikTokOAuthError } from "./oauth-error.ts";
import { CONNECTION_KINDS, type ConnectionKind, type TikTokAppConfig, type TikTokOAuth } from "./types.ts";

export interface TikTokOAuthOptions {
  fetch?: typeof fetch;
  /** Each HTTP call to TikTok, without tokens, secrets or codes (for traces and logs). */
  record?: (call: TikTokCallRecord) => void;
  /** Clock for expiries; default `new Date()`. */
  now?: () => Date;
}

/**
 * The three connection flows of one TikTok app: creator (Login Kit v2, PKCE), business account
 * (TikTok Accounts API) and advertiser (Marketing API portal). A kind whose credentials are not
 * configured is refused with `TikTokOAuthError` code "not_configured".
 * @example
 * const oauth = createTikTokOAuth(tiktokAppConfigFromEnv(process.env)!);
 * const codeVerifier = newCodeVerifier();
 * const url = oauth.authorizationUrl("creator", { state: newOAuthState(), codeVerifier });
 * // ...TikTok redirects to /oauth/tiktok/callback/creator?code=...&state=...
 * const grant = await oauth.exchangeCode("creator", callbackUrl.searchParams, { state, codeVerifier });
 */
export function createTikTokOAuth(config: TikTokAppConfig, options: TikTokOAuthOptions = {}): TikTokOAuth {
  const flowOptions: OAuthFlowOptions = {
    fetch: options.fetch,
    record: options.record,
    now: options.now ?? (() => new Date()),
  };
  const { clientKey, clientSecret, businessAppId, businessSecret } = config;
  const loginKit =
    clientKey && clientSecret
      ? createLoginKitFlow({ ...config, clientKey, clientSecret }, flowOptions)
      : undefined;
  const business = businessAppId && businessSecret ? { ...config, businessAppId, businessSecret } : undefined;
  const flows: Partial<Record<ConnectionKind, OAuthFlow>> = {
    creator: loginKit,
    business: business && createBusinessAccountFlow(business, flowOptions),
    advertiser: business && createMarketingFlow(business, flowOptions),
  };

  function flow(kind: ConnectionKind): OAuthFlow {
    const found = flows[kind];
    if (!found) {
      const needs =
        kind === "creator"
          ? "TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET"
          : "TIKTOK_BUSINESS_APP_ID and TIKTOK_BUSINESS_SECRET";
      throw new TikTokOAuthError("not_configured", kind, `this app cannot connect it: set ${needs}`);
    }
    return found;
  }

  return {
    kinds: () => CONNECTION_KINDS.filter((kind) => flows[kind] !== undefined),
    needsPkce: (kind) => flow(kind).needsPkce,
    authorizationUrl: (kind, request) => flow(kind).authorizationUrl(request),
    exchangeCode: (kind, callback, request) => flow(kind).exchangeCode(callback, request),
    refresh: (kind, refreshToken) => flow(kind).refresh(refreshToken),
    revoke: (kind, accessToken) => flow(kind).revoke(accessToken),
    advertisers(accessToken) {
      const advertiser = flow("advertiser");
      if (!advertiser.advertisers) throw new Error("the advertiser flow lists no advertisers");
      return advertiser.advertisers(accessToken);
    },
  };
}
