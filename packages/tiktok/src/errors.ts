/**
 * What went wrong calling TikTok, one class per kind, so a caller (and the runner's retry policy)
 * switches on the class rather than parsing messages. None of them carries a token: messages name
 * the endpoint, TikTok's code and its log id only.
 */
export abstract class TikTokError extends Error {
  /** Whether the same call could succeed later; a runner retries only these. */
  abstract readonly retriable: boolean;
  constructor(
    readonly endpoint: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${endpoint}: ${message}`, options);
  }
}

/** HTTP 429, `rate_limit_exceeded` or code 40100, still throttled after the allowed retries. */
export class TikTokRateLimitedError extends TikTokError {
  override readonly name = "TikTokRateLimitedError";
  readonly retriable = true;
  constructor(
    endpoint: string,
    readonly retryAfterMs: number | undefined,
    readonly logId?: string,
  ) {
    super(
      endpoint,
      `rate limited by TikTok${retryAfterMs === undefined ? "" : `; retry after ${retryAfterMs} ms`}`,
    );
  }
}

/** The token is bad, expired or revoked, and a refresh did not help (or none was possible). */
export class TikTokAuthError extends TikTokError {
  override readonly name = "TikTokAuthError";
  readonly retriable = false;
  constructor(
    endpoint: string,
    readonly code: string,
    readonly logId?: string,
  ) {
    super(endpoint, `TikTok refused the access token (${code}); the account must be reconnected`);
  }
}

/** Any other error TikTok reported, in the HTTP status or inside an HTTP 200 body. */
export class TikTokApiError extends TikTokError {
  override readonly name = "TikTokApiError";
  readonly retriable: boolean;
  constructor(
    endpoint: string,
    readonly status: number,
    readonly code: string,
    tiktokMessage: string,
    readonly logId?: string,
  ) {
    super(
      endpoint,
      `TikTok error ${code} (HTTP ${status}): ${tiktokMessage}${logId ? ` [log_id ${logId}]` : ""}`,
    );
    this.retriable = status >= 500;
  }
}

/** No answer within the time limit. */
export class TikTokTimeoutError extends TikTokError {
  override readonly name = "TikTokTimeoutError";
  readonly retriable = true;
  constructor(
    endpoint: string,
    readonly timeoutMs: number,
  ) {
    super(endpoint, `no answer from TikTok within ${timeoutMs} ms`);
  }
}

/** TikTok answered with a shape we do not expect; `issues` names each field path that differs. */
export class TikTokResponseShapeError extends TikTokError {
  override readonly name = "TikTokResponseShapeError";
  readonly retriable = false;
  constructor(
    endpoint: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(endpoint, `unexpected response shape: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
}

/** `TikTokAuthError.code` when the grant is gone (refresh token spent, revoked or expired): only a new authorization helps. */
export const REAUTH_REQUIRED = "reauth_required";
