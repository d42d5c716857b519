import type { TikTokCallRecord } from "../http-client.ts";
import type { TikTokOAuth, TokenGrant } from "./types.ts";

/** One kind's OAuth dance; `createTikTokOAuth` picks the flow for each kind. */
export interface OAuthFlow {
  needsPkce: boolean;
  authorizationUrl(request: { state: string; codeVerifier?: string }): URL;
  exchangeCode(
    callback: URLSearchParams,
    request: { state: string; codeVerifier?: string },
  ): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
  revoke(accessToken: string): Promise<void>;
  advertisers?: TikTokOAuth["advertisers"];
}

export interface OAuthFlowOptions {
  fetch?: typeof fetch;
  record?: (call: TikTokCallRecord) => void;
  now: () => Date;
}
