import type { FixtureRequest } from "../llm/fixtures.ts";
import type { CampaignBuilderFacts } from "./campaign-builder.ts";

const CALLS_TO_ACTION: Record<CampaignBuilderFacts["campaign"]["objective"], string> = {
  REACH: "Follow for more",
  VIDEO_VIEWS: "Watch till the end",
  TRAFFIC: "Tap to see how",
  CONVERSIONS: "Shop the routine now",
};

/** Mock ad texts for the campaign campaign_builder proposed (its `context`); each fits TikTok's 100 characters. */
export function campaignBuilderFixture(request: FixtureRequest): { ad_copy: string[] } {
  const f = request.context as CampaignBuilderFacts;
  const topic = f.category.toLowerCase();
  const cta = CALLS_TO_ACTION[f.campaign.objective];
  const texts = [
    `The ${topic} upgrade you didn't know you needed. ${cta} 👀`,
    `Stop scrolling: this ${topic} fix takes 30 seconds. ${cta}.`,
    `Why everyone's switching up their ${topic} game. ${cta} ✨`,
  ];
  return { ad_copy: texts.map((text) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`)) };
}
