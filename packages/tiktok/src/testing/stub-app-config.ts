import type { TikTokAppConfig } from "../oauth/types.ts";
import type { TikTokStub } from "./stub-server.ts";

/**
 * The app config that points every TikTok host at `stub`, with the stub's credentials for all
 * three kinds (what `TIKTOK_SANDBOX=1` sets up, as a value).
 * @example
 * const oauth = createTikTokOAuth(stubAppConfig(stub, "http://localhost:3000"));
 */
export function stubAppConfig(stub: TikTokStub, redirectBaseUrl: string): TikTokAppConfig {
  return {
    clientKey: stub.clientKey,
    clientSecret: stub.clientSecret,
    businessAppId: stub.businessAppId,
    businessSecret: stub.businessSecret,
    redirectBaseUrl,
    urls: { authorize: stub.url, open: stub.url, business: stub.url, businessPortal: stub.url },
  };
}
