export {
  TIKTOK_DEFAULT_URLS,
  TikTokAppConfigError,
  tiktokAppConfigFromEnv,
  tiktokCallbackUrl,
} from "./app-config.ts";
export { BUSINESS_ACCOUNT_SCOPES } from "./business-account.ts";
export { createTikTokOAuth, type TikTokOAuthOptions } from "./create-tiktok-oauth.ts";
export { LOGIN_KIT_SCOPES } from "./login-kit.ts";
export { TikTokOAuthError, type TikTokOAuthErrorCode } from "./oauth-error.ts";
export { newCodeVerifier, newOAuthState, tiktokCodeChallenge } from "./pkce.ts";
export {
  CONNECTION_KINDS,
  type ConnectionKind,
  type TikTokAppConfig,
  type TikTokOAuth,
  type TokenGrant,
} from "./types.ts";
