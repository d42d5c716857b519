/*
 * Creator accounts through Login Kit v2 for Web, following TikTok's docs:
 * - https://developers.tiktok.com/doc/login-kit-web (authorize URL: client_key, scope, response_type,
 *   redirect_uri, state) and https://developers.tiktok.com/doc/login-kit-desktop (PKCE:
 *   code_challenge = hex SHA-256 of the verifier, code_challenge_method=S256, code_verifier at exchange)
 * - https://developers.tiktok.com/doc/oauth-user-access-token-management (POST /v2/oauth/token/,
 *   form-encoded, grant_type authorization_code | refresh_token; refresh tokens rotate;
 *   POST /v2/oauth/revoke/ with `token`)
 */
import * as oauth from "oauth4webapi";
import { z } from "zod";
import {
  REAUTH_REQUIRED,
  TikTokApiError,
  TikTokAuthError,
  TikTokRateLimitedError,
  TikTokTimeoutError,
} from "../errors.ts";
import type { TikTokCallRecord } from "../http-client.ts";
import { endpointUrl, tiktokCallbackUrl } from "./app-config.ts";
import { codeFromCallback } from "./callback.ts";
import type { OAuthFlow, OAuthFlowOptions } from "./flow.ts";
import { expiresAt, scopeList } from "./grant-time.ts";
import { TikTokOAuthError } from "./oauth-error.ts";
import { tiktokCodeChallenge } from "./pkce.ts";
import { loginKitTokenSchema } from "./schemas.ts";
import type { TikTokAppConfig, TokenGrant } from "./types.ts";

/** Display API read scopes: profile, stats and the video list. */
export const LOGIN_KIT_SCOPES = [
  "user.info.basic",
  "user.info.profile",
  "user.info.stats",
  "video.list",
] as const;

const TOKEN_PATH = "/v2/oauth/token/";
const REVOKE_PATH = "/v2/oauth/revoke/";

/**
 * Why oauth4webapi: the token endpoint is a standard form-encoded OAuth 2 endpoint, so its request
 * building, response checks and OAuth error parsing are the library's; a custom client
 * authentication sends TikTok's `client_key` (not `client_id`) with the secret, and the endpoints
 * come from the config, so a stub works. arctic's TikTok provider hard-codes www.tiktok.com and
 * open.tiktokapis.com (and computes a base64url challenge), so it cannot be pointed at a stub.
 */
export function createLoginKitFlow(
  config: TikTokAppConfig & { clientKey: string; clientSecret: string },
  options: OAuthFlowOptions,
): OAuthFlow {
  const { clientKey, clientSecret } = config;
  const as: oauth.AuthorizationServer = {
    issuer: config.urls.authorize,
    token_endpoint: endpointUrl(config.urls.open, TOKEN_PATH),
    revocation_endpoint: endpointUrl(config.urls.open, REVOKE_PATH),
  };
  const client: oauth.Client = { client_id: clientKey };
  const clientAuth: oauth.ClientAuth = (_as, _client, body) => {
    body.set("client_key", clientKey);
    body.set("client_secret", clientSecret);
  };
  const redirectUri = tiktokCallbackUrl(config, "creator");
  const insecure = new URL(config.urls.open).protocol === "http:";

  /** Sends one request through oauth4webapi, recording it (without any secret) and remembering its status. */
  function send(
    path: string,
    grantType: string,
    request: (opts: oauth.TokenEndpointRequestOptions) => Promise<Response>,
  ) {
    const seen = { status: 0 };
    const started = performance.now();
    const customFetch: oauth.TokenEndpointRequestOptions[typeof oauth.customFetch] = async (url, init) => {
      const response = await (options.fetch ?? fetch)(url, init);
      seen.status = response.status;
      return response;
    };
    const record = (outcome: string) =>
      options.record?.({
        endpoint: path,
        method: "POST",
        params: grantType ? { grant_type: grantType } : {},
        status: seen.status,
        latencyMs: Math.round(performance.now() - started),
        itemsRead: outcome === "ok" ? 1 : 0,
        attempt: 1,
        outcome,
      } satisfies TikTokCallRecord);
    return {
      seen,
      record,
      response: request({ [oauth.customFetch]: customFetch, [oauth.allowInsecureRequests]: insecure }),
    };
  }

  function grantOf(body: unknown): TokenGrant {
    const token = loginKitTokenSchema.parse(body);
    const now = options.now();
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      accessExpiresAt: expiresAt(now, token.expires_in),
      refreshExpiresAt: expiresAt(now, token.refresh_expires_in),
      scopes: scopeList(token.scope),
      externalId: token.open_id,
    };
  }

  return {
    needsPkce: true,
    authorizationUrl({ state, codeVerifier }) {
      if (!codeVerifier)
        throw new TikTokOAuthError("pkce_required", "creator", "a code verifier is required");
      const url = new URL(endpointUrl(config.urls.authorize, "/v2/auth/authorize/"));
      url.searchParams.set("client_key", clientKey);
      url.searchParams.set("scope", LOGIN_KIT_SCOPES.join(","));
      url.searchParams.set("response_type", "code");
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("state", state);
      url.searchParams.set("code_challenge", tiktokCodeChallenge(codeVerifier));
      url.searchParams.set("code_challenge_method", "S256");
      return url;
    },

    async exchangeCode(callback, { state, codeVerifier }) {
      codeFromCallback("creator", callback, state, "code");
      if (!codeVerifier)
        throw new TikTokOAuthError("pkce_required", "creator", "a code verifier is required");
      const params = oauth.validateAuthResponse(as, client, callback, state);
      const call = send(TOKEN_PATH, "authorization_code", (opts) =>
        oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, codeVerifier, opts),
      );
      try {
        const grant = grantOf(await oauth.processAuthorizationCodeResponse(as, client, await call.response));
        call.record("ok");
        return grant;
      } catch (error) {
        const failure = tokenFailure(error);
        call.record(failure.error);
        throw new TikTokOAuthError(
          "exchange_failed",
          "creator",
          `TikTok refused the authorization code (${failure.error}${failure.logId ? ` [log_id ${failure.logId}]` : ""})`,
        );
      }
    },

    async refresh(refreshToken) {
      const call = send(TOKEN_PATH, "refresh_token", (opts) =>
        oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, opts),
      );
      try {
        const grant = grantOf(await oauth.processRefreshTokenResponse(as, client, await call.response));
        call.record("ok");
        return grant;
      } catch (error) {
        const failure = tokenFailure(error);
        call.record(failure.error);
        throw refreshError(TOKEN_PATH, call.seen.status, failure);
      }
    },

    async revoke(accessToken) {
      const call = send(REVOKE_PATH, "", (opts) =>
        oauth.revocationRequest(as, client, clientAuth, accessToken, opts),
      );
      try {
        await oauth.processRevocationResponse(await call.response);
        call.record("ok");
      } catch (error) {
        const failure = tokenFailure(error);
        call.record(failure.error);
        throw new TikTokApiError(
          REVOKE_PATH,
          call.seen.status,
          failure.error,
          "revocation refused",
          failure.logId,
        );
      }
    },
  };
}

interface TokenFailure {
  /** TikTok's OAuth `error`, or what went wrong before one could be read. */
  error: string;
  logId?: string;
}

/** TikTok's `{ error, error_description, log_id }`, from a 4xx (ResponseBodyError) or a 200 without tokens. */
function tokenFailure(error: unknown): TokenFailure {
  if (error instanceof oauth.ResponseBodyError)
    return { error: error.error, logId: stringField(error.cause, "log_id") };
  if (error instanceof oauth.OperationProcessingError) {
    const body = (error.cause as { body?: unknown } | undefined)?.body;
    const code = stringField(body, "error");
    if (code) return { error: code, logId: stringField(body, "log_id") };
    return { error: "unexpected_response" };
  }
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return { error: "timeout" };
  if (error instanceof z.ZodError) return { error: "unexpected_response" };
  return { error: "network_error" };
}

/**
 * Throttling, timeouts and 5xx leave the grant intact (retry later); any other refusal means the
 * refresh token is spent, revoked or expired, so only a new authorization helps. A wrong client
 * secret is a configuration fault, not the user's: it stays an API error.
 */
function refreshError(path: string, status: number, failure: TokenFailure): Error {
  if (status === 429 || failure.error === "rate_limit_exceeded")
    return new TikTokRateLimitedError(path, undefined, failure.logId);
  if (failure.error === "timeout") return new TikTokTimeoutError(path, 30_000);
  if (status >= 500 || failure.error === "network_error")
    return new TikTokApiError(
      path,
      status || 503,
      failure.error,
      "TikTok could not be reached",
      failure.logId,
    );
  if (failure.error === "invalid_client")
    return new TikTokApiError(
      path,
      status,
      failure.error,
      "the app's client key or secret is wrong",
      failure.logId,
    );
  if (failure.error === "unexpected_response")
    return new TikTokApiError(
      path,
      status,
      failure.error,
      "the token reply has an unexpected shape",
      failure.logId,
    );
  return new TikTokAuthError(path, REAUTH_REQUIRED, failure.logId);
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field : undefined;
}
