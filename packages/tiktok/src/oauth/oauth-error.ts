import type { ConnectionKind } from "./types.ts";

/**
 * Why a connection could not be made. `state_mismatch`: the callback is not the answer to this
 * session's request (forged or stale); `denied`: the user refused on TikTok's page; `missing_code`:
 * the callback carries no code; `exchange_failed`: TikTok refused the code; `pkce_required`: a
 * code verifier was needed and not given; `not_configured`: the app config cannot connect this kind;
 * `not_refreshable`: this kind's tokens have no refresh (Marketing API tokens are long-lived).
 */
export type TikTokOAuthErrorCode =
  | "state_mismatch"
  | "denied"
  | "missing_code"
  | "exchange_failed"
  | "pkce_required"
  | "not_configured"
  | "not_refreshable";

/** A failed OAuth step. The message never carries a code, token or secret, only TikTok's error code and log id. */
export class TikTokOAuthError extends Error {
  override readonly name = "TikTokOAuthError";
  constructor(
    readonly code: TikTokOAuthErrorCode,
    readonly kind: ConnectionKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`TikTok ${kind} connection: ${message}`, options);
  }
}
