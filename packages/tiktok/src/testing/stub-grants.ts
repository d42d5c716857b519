import { createHash, randomBytes } from "node:crypto";
import type { ConnectionKind } from "../oauth/types.ts";

export interface StubAuthorizeOptions {
  redirectUri?: string;
  /** Hex SHA-256 of the verifier, as TikTok's Login Kit takes it. */
  codeChallenge?: string;
}

/** What each kind's consent page lists and its token replies carry. */
export const STUB_SCOPES: Record<ConnectionKind, readonly string[]> = {
  creator: ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"],
  business: [
    "user.info.basic",
    "user.info.username",
    "user.info.stats",
    "user.insights",
    "video.list",
    "video.insights",
  ],
  advertiser: ["Ad Account Management", "Ads Management", "Reporting"],
};

interface PendingCode {
  kind: ConnectionKind;
  redirectUri: string;
  codeChallenge?: string;
}

interface Grant {
  kind: ConnectionKind;
  tokens: Set<string>;
}

export type StubGrants = ReturnType<typeof createStubGrants>;

/**
 * The stub's authorization state: one-time codes bound to their kind, redirect URI and PKCE
 * challenge, and grants whose tokens live in the server's shared token sets (the data endpoints
 * accept exactly those), so revoking a grant or rotating its refresh token is seen everywhere.
 */
export function createStubGrants(options: {
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  defaultRedirectUri: string;
  fixedRedirectUri?: string;
}) {
  const codes = new Map<string, PendingCode>();
  const grants = new Map<string, Grant>();
  const { accessTokens, refreshTokens } = options;
  const mint = (prefix: string) => `${prefix}.${randomBytes(12).toString("base64url")}`;

  function authorize(kind: ConnectionKind, request: StubAuthorizeOptions = {}): string {
    const code = mint(kind === "advertiser" ? "authcode" : "code");
    codes.set(code, {
      kind,
      redirectUri: request.redirectUri ?? options.fixedRedirectUri ?? options.defaultRedirectUri,
      codeChallenge: request.codeChallenge,
    });
    return code;
  }

  function issue(kind: ConnectionKind, grant: Grant = { kind, tokens: new Set() }) {
    const accessToken = mint("act");
    accessTokens.add(accessToken);
    grant.tokens.add(accessToken);
    grants.set(accessToken, grant);
    if (kind === "advertiser") return { accessToken, refreshToken: undefined };
    const refreshToken = mint("rft");
    refreshTokens.add(refreshToken);
    grant.tokens.add(refreshToken);
    grants.set(refreshToken, grant);
    return { accessToken, refreshToken };
  }

  /** Rotation: the refresh token presented is spent; the grant lives on in the new one. */
  function rotate(refreshToken: string) {
    const grant = grants.get(refreshToken);
    if (!grant || !refreshTokens.delete(refreshToken)) return undefined;
    grant.tokens.delete(refreshToken);
    return issue(grant.kind, grant);
  }

  /** The user (or the app) revoked the grant: every token of it stops working. */
  function revoke(token: string): boolean {
    const grant = grants.get(token);
    if (!grant || !(accessTokens.has(token) || refreshTokens.has(token))) return false;
    for (const each of grant.tokens) {
      accessTokens.delete(each);
      refreshTokens.delete(each);
    }
    return true;
  }

  /** A code for `kind`, spent on this first use, or the reason it is refused. */
  function redeem(
    kind: ConnectionKind,
    code: string,
    redirectUri: string | undefined,
    verifier?: string | null,
  ) {
    const pending = codes.get(code);
    if (!pending || pending.kind !== kind) return { refused: "invalid_grant" as const };
    codes.delete(code);
    if (redirectUri !== undefined && redirectUri !== pending.redirectUri)
      return { refused: "redirect" as const };
    if (pending.codeChallenge && (!verifier || hexSha256(verifier) !== pending.codeChallenge))
      return { refused: "pkce" as const };
    return { refused: undefined };
  }

  /** The kind of the grant a live access token belongs to. */
  function kindOf(accessToken: string): ConnectionKind | undefined {
    return accessTokens.has(accessToken) ? grants.get(accessToken)?.kind : undefined;
  }

  return { authorize, issue, rotate, revoke, redeem, kindOf };
}

function hexSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
