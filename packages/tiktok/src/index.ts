export { AccountSourceError, normaliseHandle } from "./account-handle.ts";
export { type BusinessSource, createBusinessSource, sharesBySource } from "./business/business-source.ts";
export {
  BUSINESS_DAILY_FIELDS,
  BUSINESS_PROFILE_FIELDS,
  BUSINESS_VIDEO_FIELDS,
  type BusinessProfile,
  type BusinessVideo,
  businessGet,
  businessVideoList,
} from "./business/endpoints.ts";
export {
  type CreatorSource,
  createCreatorSource,
  DISPLAY_VIDEO_UNAVAILABLE,
  hashtagsOf,
} from "./display/creator-source.ts";
export {
  DISPLAY_USER_FIELDS,
  DISPLAY_VIDEO_FIELDS,
  DISPLAY_VIDEO_PAGE_MAX,
  type DisplayUser,
  type DisplayVideo,
  displayUserInfo,
  displayVideoList,
} from "./display/endpoints.ts";
export { defineEndpoint, type TikTokApiStyle, type TikTokEndpoint } from "./endpoint.ts";
export {
  REAUTH_REQUIRED,
  TikTokApiError,
  TikTokAuthError,
  TikTokError,
  TikTokRateLimitedError,
  TikTokResponseShapeError,
  TikTokTimeoutError,
} from "./errors.ts";
export {
  createTikTokClient,
  type TikTokCallInput,
  type TikTokCallRecord,
  type TikTokClient,
  type TikTokClientOptions,
  type TikTokCredentials,
  type TikTokRequestBudget,
} from "./http-client.ts";
export { createMarketingAds, idempotencyMarker, UnknownHashtagError } from "./marketing/campaigns.ts";
export {
  CAMPAIGN_REPORT_METRICS,
  type CampaignReportRequest,
  getCampaignReport,
  REPORT_MAX_DAYS,
  reportIntegratedGet,
} from "./marketing/reports.ts";
export {
  BUSINESS_ACCOUNT_SCOPES,
  CONNECTION_KINDS,
  type ConnectionKind,
  createTikTokOAuth,
  LOGIN_KIT_SCOPES,
  newCodeVerifier,
  newOAuthState,
  TIKTOK_DEFAULT_URLS,
  type TikTokAppConfig,
  TikTokAppConfigError,
  type TikTokOAuth,
  TikTokOAuthError,
  type TikTokOAuthErrorCode,
  type TikTokOAuthOptions,
  type TokenGrant,
  tiktokAppConfigFromEnv,
  tiktokCallbackUrl,
  tiktokCodeChallenge,
} from "./oauth/index.ts";
export {
  createTikTokProvider,
  type TikTokAccountConnection,
  type TikTokAdvertiserConnection,
  type TikTokProviderOptions,
} from "./provider.ts";
export {
  decryptToken,
  encryptToken,
  type Keyring,
  keyIdOf,
  parseKeyring,
  reencryptToken,
  TokenCryptoError,
  type TokenCryptoErrorCode,
} from "./token-crypto.ts";
