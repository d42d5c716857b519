import { REAUTH_REQUIRED, TikTokApiError, TikTokAuthError, TikTokError } from "../errors.ts";
import { createTikTokClient } from "../http-client.ts";
import type { OAuthFlowOptions } from "./flow.ts";
import { TikTokOAuthError } from "./oauth-error.ts";
import type { ConnectionKind } from "./types.ts";

/**
 * The http client for API for Business's OAuth endpoints. They are not OAuth 2 token endpoints
 * (JSON bodies, replies in the `{ code, message, request_id, data }` envelope with errors inside
 * HTTP 200), which is exactly what `createTikTokClient` reads. The token endpoints take the app's
 * secret in the body and no user token, so `accessToken` is empty there. The client records no
 * field named like a secret, token or code.
 */
export function businessOAuthClient(baseUrl: string, options: OAuthFlowOptions, accessToken = "") {
  return createTikTokClient({
    baseUrl,
    credentials: { accessToken: () => accessToken },
    record: options.record,
    fetch: options.fetch,
  });
}

/** A refused exchange, carrying TikTok's error (its code and request id, never the code exchanged). */
export function exchangeError(kind: ConnectionKind, error: unknown): unknown {
  if (!(error instanceof TikTokError)) return error;
  return new TikTokOAuthError(
    "exchange_failed",
    kind,
    `TikTok refused the authorization code: ${error.message}`,
    {
      cause: error,
    },
  );
}

/**
 * A refresh TikTok refused outright (an auth code, or any error code inside HTTP 200) means the
 * refresh token is spent, revoked or expired: only a new authorization helps. Throttling,
 * timeouts and 5xx leave the grant as it was, so they stay retriable errors.
 */
export function refreshError(error: unknown): unknown {
  if (error instanceof TikTokAuthError || (error instanceof TikTokApiError && !error.retriable))
    return new TikTokAuthError(error.endpoint, REAUTH_REQUIRED, error.logId);
  return error;
}
