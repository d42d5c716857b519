import { createTikTokOAuth, type TikTokOAuth } from "@tiktok-army/tiktok";
import { stubAppConfig, type TikTokStub } from "@tiktok-army/tiktok/testing";

/**
 * The real OAuth flows pointed at the local TikTok stub, for tests of what stores and uses
 * connections. `revoked` lists the tokens revoked through it; `failRevoke` makes revocations fail
 * before they reach the stub, as an unreachable TikTok would.
 */
export function stubTikTokOAuth(
  stub: TikTokStub,
  redirectBaseUrl = "http://127.0.0.1",
): TikTokOAuth & { revoked: string[]; failRevoke: boolean } {
  const oauth = createTikTokOAuth(stubAppConfig(stub, redirectBaseUrl));
  const wrapped = {
    ...oauth,
    revoked: [] as string[],
    failRevoke: false,
    async revoke(kind: Parameters<TikTokOAuth["revoke"]>[0], accessToken: string) {
      if (wrapped.failRevoke) throw new Error("/v2/oauth/revoke/: HTTP 503");
      wrapped.revoked.push(accessToken);
      await oauth.revoke(kind, accessToken);
    },
  };
  return wrapped;
}
