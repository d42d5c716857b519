import { timingSafeEqual } from "node:crypto";
import { TikTokOAuthError } from "./oauth-error.ts";
import type { ConnectionKind } from "./types.ts";

/**
 * Reads the code from TikTok's redirect, after proving it answers this session's request: the
 * `state` comes first, so a forged callback is refused as such even when it claims a denial.
 * `codeParam` is `code` (Login Kit, TikTok Accounts) or `auth_code` (Marketing API portal).
 */
export function codeFromCallback(
  kind: ConnectionKind,
  callback: URLSearchParams,
  expectedState: string,
  codeParam: "code" | "auth_code",
): string {
  const state = callback.get("state");
  if (!expectedState || state === null || !sameString(state, expectedState))
    throw new TikTokOAuthError(
      "state_mismatch",
      kind,
      "the callback's state does not match this session's request",
    );
  const error = callback.get("error");
  if (error) {
    const description = callback.get("error_description");
    throw new TikTokOAuthError(
      "denied",
      kind,
      `authorization was not granted (${error}${description ? `: ${description}` : ""})`,
    );
  }
  const code = callback.get(codeParam);
  if (!code) throw new TikTokOAuthError("missing_code", kind, `the callback carries no ${codeParam}`);
  return code;
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
