export type { StubAd, StubAdGroup, StubCampaign } from "./stub-ads.ts";
export { type StubAccount, stubAccount } from "./stub-data.ts";
export { type StubFailure, startTikTokStub, type TikTokStub, type TikTokStubOptions } from "./stub-server.ts";
