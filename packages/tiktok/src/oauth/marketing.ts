/*
 * Advertisers through the Marketing API (API for Business v1.3), following TikTok's docs
 * (Marketing API > Authentication, https://ads.tiktok.com/marketing_api/docs?id=1738373164380162 and
 * https://ads.tiktok.com/marketing_api/docs?id=1739965703387137 for the access token):
 * - the advertiser authorizes in TikTok's portal, https://business-api.tiktok.com/portal/auth
 *   ?app_id=&state=&redirect_uri= ; TikTok redirects back with `auth_code` and `state`
 * - POST /open_api/v1.3/oauth2/access_token/ { app_id, secret, auth_code } -> data { access_token,
 *   advertiser_ids, scope } (a long-lived token: no expires_in, no refresh token)
 * - GET /open_api/v1.3/oauth2/advertiser/get/ ?app_id&secret, header Access-Token -> data { list }
 * - POST /open_api/v1.3/oauth2/revoke_token/ { app_id, secret, access_token }
 * - GET /open_api/v1.3/user/info/ (header Access-Token) -> data { core_user_id, ... }: who authorized
 */
import { z } from "zod";
import { defineEndpoint } from "../endpoint.ts";
import { endpointUrl, tiktokCallbackUrl } from "./app-config.ts";
import { businessOAuthClient, exchangeError } from "./business-client.ts";
import { codeFromCallback } from "./callback.ts";
import type { OAuthFlow, OAuthFlowOptions } from "./flow.ts";
import { scopeList } from "./grant-time.ts";
import { TikTokOAuthError } from "./oauth-error.ts";
import { advertiserListSchema, marketingTokenSchema, marketingUserSchema } from "./schemas.ts";
import type { TikTokAppConfig } from "./types.ts";

const accessTokenEndpoint = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/oauth2/access_token/",
  data: marketingTokenSchema,
  // An auth_code is spent on first use: after a timeout, sending it again cannot succeed.
  writes: true,
  itemsRead: () => 1,
});

const userInfoEndpoint = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/user/info/",
  data: marketingUserSchema,
  itemsRead: () => 1,
});

const advertiserGetEndpoint = defineEndpoint({
  style: "business",
  method: "GET",
  path: "/open_api/v1.3/oauth2/advertiser/get/",
  data: advertiserListSchema,
  itemsRead: (data) => data.list.length,
});

const revokeEndpoint = defineEndpoint({
  style: "business",
  method: "POST",
  path: "/open_api/v1.3/oauth2/revoke_token/",
  data: z.unknown(),
  writes: true,
  itemsRead: () => 0,
});

/**
 * Why the package's http client and not an OAuth library: the portal and these endpoints are not
 * OAuth 2 (`auth_code`, `app_id`/`secret` in a JSON body, API for Business's envelope with errors
 * inside HTTP 200); the http client reads exactly that, with throttling and call records.
 */
export function createMarketingFlow(
  config: TikTokAppConfig & { businessAppId: string; businessSecret: string },
  options: OAuthFlowOptions,
): OAuthFlow {
  const app = { app_id: config.businessAppId, secret: config.businessSecret };
  const redirectUri = tiktokCallbackUrl(config, "advertiser");
  const appClient = businessOAuthClient(config.urls.business, options);
  const tokenClient = (accessToken: string) =>
    businessOAuthClient(config.urls.business, options, accessToken);

  return {
    needsPkce: false,
    authorizationUrl({ state }) {
      const url = new URL(endpointUrl(config.urls.businessPortal, "/portal/auth"));
      url.searchParams.set("app_id", config.businessAppId);
      url.searchParams.set("state", state);
      url.searchParams.set("redirect_uri", redirectUri);
      return url;
    },

    async exchangeCode(callback, { state }) {
      const authCode = codeFromCallback("advertiser", callback, state, "auth_code");
      try {
        const token = await appClient.call(accessTokenEndpoint, { body: { ...app, auth_code: authCode } });
        const user = await tokenClient(token.access_token).call(userInfoEndpoint);
        return {
          accessToken: token.access_token,
          refreshToken: null,
          accessExpiresAt: null,
          refreshExpiresAt: null,
          scopes: scopeList(token.scope),
          externalId: user.core_user_id,
          advertiserIds: token.advertiser_ids,
        };
      } catch (error) {
        throw exchangeError("advertiser", error);
      }
    },

    async refresh() {
      throw new TikTokOAuthError(
        "not_refreshable",
        "advertiser",
        "Marketing API tokens are long-lived and have no refresh; reconnect the advertiser when TikTok refuses the token",
      );
    },

    async revoke(accessToken) {
      await appClient.call(revokeEndpoint, { body: { ...app, access_token: accessToken } });
    },

    async advertisers(accessToken) {
      const { list } = await tokenClient(accessToken).call(advertiserGetEndpoint, { query: app });
      return list.map((advertiser) => ({ id: advertiser.advertiser_id, name: advertiser.advertiser_name }));
    },
  };
}
