export {
  type BusinessProfile,
  type BusinessVideo,
  businessGet,
  businessVideoList,
} from "./business/endpoints.ts";
export {
  type CreatorProfile,
  type CreatorSource,
  CreatorSourceError,
  type CreatorVideo,
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
} from "./http-client.ts";
export { createMarketingAds, idempotencyMarker, UnknownHashtagError } from "./marketing/campaigns.ts";
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
