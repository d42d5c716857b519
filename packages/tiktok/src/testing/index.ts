export type { StubAd, StubAdGroup, StubCampaign } from "./stub-ads.ts";
export { stubAppConfig } from "./stub-app-config.ts";
export { dailyFollowers } from "./stub-business.ts";
export { type StubAccount, stubAccount } from "./stub-data.ts";
export type { StubAuthorizeOptions } from "./stub-grants.ts";
export { type StubFailure, startTikTokStub, type TikTokStub, type TikTokStubOptions } from "./stub-server.ts";
