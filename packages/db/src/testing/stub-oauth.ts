import { TikTokAuthError } from "@tiktok-army/tiktok";
import type { TikTokStub } from "@tiktok-army/tiktok/testing";
import type { TikTokOAuth, TokenGrant } from "../connections/tiktok-oauth.ts";

const TOKEN_PATH = "/v2/oauth/token/";

/**
 * Login Kit (creator) flows against the local TikTok stub, for tests of what stores and uses
 * connections: the token endpoint is the stub's real one (codes spent once, refresh tokens
 * rotating, revoked grants refused). `revoked` lists the tokens revoked through it; `failRevoke`
 * makes revocations fail.
 */
export function stubTikTokOAuth(
  stub: Pick<TikTokStub, "url" | "clientKey" | "clientSecret" | "redirectUri">,
): TikTokOAuth & { revoked: string[]; failRevoke: boolean } {
  async function token(form: Record<string, string>): Promise<TokenGrant> {
    const response = await fetch(new URL(TOKEN_PATH, stub.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_key: stub.clientKey, client_secret: stub.clientSecret, ...form }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      if (body.error === "invalid_grant") throw new TikTokAuthError(TOKEN_PATH, "reauth_required");
      throw new Error(`${TOKEN_PATH}: HTTP ${response.status} ${String(body.error)}`);
    }
    const at = Date.now();
    return {
      accessToken: String(body.access_token),
      refreshToken: String(body.refresh_token),
      accessExpiresAt: new Date(at + Number(body.expires_in) * 1000),
      refreshExpiresAt: new Date(at + Number(body.refresh_expires_in) * 1000),
      scopes: String(body.scope).split(","),
      externalId: String(body.open_id),
    };
  }

  const oauth = {
    revoked: [] as string[],
    failRevoke: false,
    kinds: () => ["creator" as const],
    needsPkce: (kind: string) => kind === "creator",
    authorizationUrl(_kind: string, request: { state: string; codeVerifier?: string }) {
      const url = new URL("/v2/auth/authorize/", stub.url);
      url.search = new URLSearchParams({
        client_key: stub.clientKey,
        response_type: "code",
        scope: "user.info.basic,user.info.profile,user.info.stats,video.list",
        redirect_uri: stub.redirectUri,
        state: request.state,
      }).toString();
      return url;
    },
    async exchangeCode(_kind: string, callback: URLSearchParams, request: { state: string }) {
      if (callback.get("state") !== request.state) throw new Error("state does not match");
      return token({
        grant_type: "authorization_code",
        code: callback.get("code") ?? "",
        redirect_uri: stub.redirectUri,
      });
    },
    refresh: (_kind: string, refreshToken: string) =>
      token({ grant_type: "refresh_token", refresh_token: refreshToken }),
    async revoke(_kind: string, accessToken: string) {
      if (oauth.failRevoke) throw new Error("/v2/oauth/revoke/: HTTP 503");
      oauth.revoked.push(accessToken);
    },
  } satisfies TikTokOAuth & { revoked: string[]; failRevoke: boolean };
  return oauth;
}
