import { describe, expect, it } from "vitest";
import { trendRelevance } from "./trend-relevance.ts";

describe("trendRelevance", () => {
  const lipsAndSkin = trendRelevance("beauty", ["lipcombo", "glassskin", "fyp"]);

  it("keeps a tag that holds one of the account's own hashtags", () => {
    expect(lipsAndSkin("lipcomboroutine")).toEqual({
      fits: true,
      relevance: { matched: ["lipcombo"], reason: "builds on your #lipcombo" },
    });
    expect(lipsAndSkin("#GlassSkin")).toEqual({
      fits: true,
      relevance: { matched: ["glassskin"], reason: "one of your own hashtags" },
    });
  });

  it("keeps a tag on a topic one of the account's hashtags is about", () => {
    expect(lipsAndSkin("spfcheck")).toEqual({
      fits: true,
      relevance: { matched: ["glassskin"], reason: "skincare topic, like your #glassskin" },
    });
  });

  it("keeps a tag naming the niche itself for every account of the niche", () => {
    expect(lipsAndSkin("beautyhacks")).toEqual({
      fits: true,
      relevance: { matched: [], reason: "a general beauty tag" },
    });
  });

  it("drops nail and hair tags for an account posting about lips and skin, saying why", () => {
    expect(lipsAndSkin("nailart")).toEqual({
      fits: false,
      reason: "nails tag; none of your hashtags (#lipcombo and #glassskin) is about nails",
    });
    expect(lipsAndSkin("heatlesscurls")).toMatchObject({
      fits: false,
      reason: expect.stringContaining("hair"),
    });
    expect(lipsAndSkin("guthealth")).toEqual({
      fits: false,
      reason: "no topic in common with your hashtags (#lipcombo and #glassskin)",
    });
  });

  it("keeps hair tags for an account that posts #hairtok", () => {
    expect(trendRelevance("beauty", ["hairtok"])("curlyhair")).toMatchObject({ fits: true });
  });

  it("does not match on a shared suffix such as tok", () => {
    expect(trendRelevance("beauty", ["skintok"])("nailtok")).toMatchObject({ fits: false });
  });

  it("ignores generic hashtags such as #fyp as the account's topics", () => {
    expect(trendRelevance("beauty", ["fyp"])("nailart")).toMatchObject({
      fits: true,
      relevance: { reason: expect.stringContaining("no account hashtags given") },
    });
  });

  it("keeps everything, and says it did not filter, for a niche without a topic list", () => {
    expect(trendRelevance("knitting", [])("yarnhaul")).toEqual({
      fits: true,
      relevance: {
        matched: [],
        reason: "not filtered: no account hashtags given and no topic list for knitting",
      },
    });
  });
});
