/*
 * Business accounts through the TikTok Accounts API (API for Business v1.3), following TikTok's docs
 * (TikTok API for Business > TikTok Accounts > Authorization):
 * - the account holder authorizes at https://www.tiktok.com/v2/auth/authorize/ with the app id as
 *   client_key, scope, response_type=code, redirect_uri, state; TikTok redirects back with `code`
 * - https://business-api.tiktok.com/portal/docs/obtain-a-short-term-access-token/v1.3 :
 *   POST /open_api/v1.3/tt_user/oauth2/token/ with JSON
 *   { client_id, client_secret, grant_type: "authorization_code", auth_code, redirect_uri } ->
 *   data { open_id, scope, access_token, expires_in, refresh_token, refresh_token_expires_in }
 * - "Renew": POST /open_api/v1.3/tt_user/oauth2/refresh_token/ { client_id, client_secret,
 *   grant_type: "refresh_token", refresh_token } (the refresh token rotates)
 * - "Revoke": POST /open_api/v1.3/tt_user/oauth2/revoke/ { client_id, client_secret, access_token }
 * The account's `business_id` for /business/get/ and /business/video/list/ is its open_id.
 */
import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";
import { endpointUrl, tiktokCallbackUrl } from "./app-config.ts";
import { businessOAuthClient, exchangeError, refreshError } from "./business-client.ts";
import { codeFromCallback } from "./callback.ts";
import type { OAuthFlow, OAuthFlowOptions } from "./flow.ts";
import { expiresAt, scopeList } from "./grant-time.ts";
import { businessTokenSchema } from "./schemas.ts";
import type { TikTokAppConfig, TokenGrant } from "./types.ts";

/** Read scopes for the account's profile, insights and videos (with watch time and traffic sources). */
export const BUSINESS_ACCOUNT_SCOPES = [
  "user.info.basic",
  "user.info.username",
  "user.info.stats",
  "user.info.profile",
  "user.account.type",
  "user.insights",
  "video.list",
  "video.insights",
] as const;

const tokenEndpoint = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/tt_user/oauth2/token/",
  data: businessTokenSchema,
  // A code is spent on first use: after a timeout, sending it again cannot succeed.
  writes: true,
  itemsRead: () => 1,
});

const refreshEndpoint = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/tt_user/oauth2/refresh_token/",
  data: businessTokenSchema,
  // The refresh token rotates: resending one TikTok already spent would look like a revoked grant.
  writes: true,
  itemsRead: () => 1,
});

const revokeEndpoint = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/tt_user/oauth2/revoke/",
  data: z.unknown(),
  writes: true,
  itemsRead: () => 0,
});

/**
 * Why the package's http client and not an OAuth library: these endpoints take JSON, name the
 * code `auth_code`, and answer in API for Business's envelope with errors inside HTTP 200, which
 * no OAuth 2 client parses; the http client already does, with throttling and call records.
 */
export function createBusinessAccountFlow(
  config: TikTokAppConfig & { businessAppId: string; businessSecret: string },
  options: OAuthFlowOptions,
): OAuthFlow {
  const app = { client_id: config.businessAppId, client_secret: config.businessSecret };
  const redirectUri = tiktokCallbackUrl(config, "business");
  const client = businessOAuthClient(config.urls.business, options);

  function grantOf(data: z.infer<typeof businessTokenSchema>): TokenGrant {
    const now = options.now();
    return {
      accessToken: data.access_token,
      refreshToken: data.refresh_token,
      accessExpiresAt: expiresAt(now, data.expires_in),
      refreshExpiresAt: expiresAt(now, data.refresh_token_expires_in),
      scopes: scopeList(data.scope),
      externalId: data.open_id,
    };
  }

  return {
    needsPkce: false,
    authorizationUrl({ state }) {
      const url = new URL(endpointUrl(config.urls.authorize, "/v2/auth/authorize/"));
      url.searchParams.set("client_key", config.businessAppId);
      url.searchParams.set("scope", BUSINESS_ACCOUNT_SCOPES.join(","));
      url.searchParams.set("response_type", "code");
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("state", state);
      return url;
    },

    async exchangeCode(callback, { state }) {
      const code = codeFromCallback("business", callback, state, "code");
      const body = { ...app, grant_type: "authorization_code", auth_code: code, redirect_uri: redirectUri };
      const data = await client.call(tokenEndpoint, { body }).catch((error: unknown) => {
        throw exchangeError("business", error);
      });
      return grantOf(data);
    },

    async refresh(refreshToken) {
      const body = { ...app, grant_type: "refresh_token", refresh_token: refreshToken };
      const data = await client.call(refreshEndpoint, { body }).catch((error: unknown) => {
        throw refreshError(error);
      });
      return grantOf(data);
    },

    async revoke(accessToken) {
      await client.call(revokeEndpoint, { body: { ...app, access_token: accessToken } });
    },
  };
}
