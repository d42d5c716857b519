import { CAMPAIGN_EDITABLE_PATHS, changedPaths } from "@tiktok-army/core/model";
import { describe, expect, it } from "vitest";
import {
  campaignEditability,
  campaignErrorFields,
  editedPayload,
  initialEdits,
  parseCampaignPayload,
  parsePublishedCampaign,
} from "./campaign-review.ts";
import { sampleCampaignPayload } from "./sample-campaign-payload.ts";

describe("parseCampaignPayload", () => {
  it("reads a drafted campaign payload", () => {
    expect(parseCampaignPayload(sampleCampaignPayload())?.campaign.budget).toBe(50);
  });

  it("refuses anything else, so other gates keep their own editors", () => {
    expect(parseCampaignPayload(["#skincare"])).toBeUndefined();
    expect(parseCampaignPayload({ budget: 50 })).toBeUndefined();
    const { currency: _, ...noCurrency } = sampleCampaignPayload();
    expect(parseCampaignPayload(noCurrency)).toBeUndefined();
  });
});

describe("parsePublishedCampaign", () => {
  it("reads the created campaign an enable gate reviews, and nothing else", () => {
    const created = {
      campaign_id: "1790000000000001",
      operation_status: "DISABLE",
      ad_groups: [{ adgroup_name: "skincare", adgroup_id: "1790000000000002", ads: [] }],
    };
    expect(parsePublishedCampaign(created)?.campaign_id).toBe("1790000000000001");
    expect(parsePublishedCampaign(sampleCampaignPayload())).toBeUndefined();
  });
});

describe("campaignEditability", () => {
  it("follows the gate's editable paths, with * standing for any ad group", () => {
    expect(campaignEditability([...CAMPAIGN_EDITABLE_PATHS])).toEqual({ budget: true, hashtags: true });
    expect(campaignEditability(["campaign.budget"])).toEqual({ budget: true, hashtags: false });
    expect(campaignEditability(["ad_groups.*.hashtags"])).toEqual({ budget: false, hashtags: true });
    expect(campaignEditability(["campaign"])).toEqual({ budget: true, hashtags: false });
  });

  it("locks everything at an approve-or-reject gate and opens everything at a gate with no list", () => {
    expect(campaignEditability([])).toEqual({ budget: false, hashtags: false });
    expect(campaignEditability(null)).toEqual({ budget: true, hashtags: true });
  });
});

describe("editedPayload", () => {
  const proposed = sampleCampaignPayload();
  const edits = {
    budgetText: "75",
    hashtags: [["skincare"], ["makeup", "grwm", "dewy", "nomakeup"]],
  };

  it("changes only the budget and the hashtags, sending the rest of the payload as proposed", () => {
    const edited = editedPayload(proposed, edits, { budget: true, hashtags: true });
    expect(changedPaths(proposed, edited).sort()).toEqual([
      "ad_groups.0.hashtags",
      "ad_groups.1.hashtags",
      "campaign.budget",
    ]);
    expect(edited).toMatchObject({
      campaign: { budget: 75 },
      ad_groups: [{ hashtags: ["skincare"] }, { hashtags: ["makeup", "grwm", "dewy", "nomakeup"] }],
    });
  });

  it("leaves parts the gate does not let a reviewer change as proposed, whatever the inputs hold", () => {
    expect(changedPaths(proposed, editedPayload(proposed, edits, { budget: true, hashtags: false }))).toEqual(
      ["campaign.budget"],
    );
    expect(editedPayload(proposed, edits, { budget: false, hashtags: false })).toEqual(proposed);
  });

  it("keeps keys the card does not know, so the API sees no change it did not ask for", () => {
    const withExtra = { ...proposed, note: "kept" };
    expect(editedPayload(withExtra, edits, { budget: true, hashtags: true })).toMatchObject({ note: "kept" });
  });

  it("sends an unreadable budget as typed, for the API to refuse under the budget's input", () => {
    const edited = editedPayload(
      proposed,
      { ...edits, budgetText: "lots" },
      { budget: true, hashtags: true },
    );
    expect(edited).toMatchObject({ campaign: { budget: "lots" } });
    expect(
      editedPayload(proposed, { ...edits, budgetText: "" }, { budget: true, hashtags: true }),
    ).toMatchObject({
      campaign: { budget: "" },
    });
  });

  it("does not change the proposal it was given", () => {
    editedPayload(proposed, edits, { budget: true, hashtags: true });
    expect(proposed).toEqual(sampleCampaignPayload());
  });

  it("sends the proposal unchanged when the inputs still hold it", () => {
    expect(editedPayload(proposed, initialEdits(proposed), { budget: true, hashtags: true })).toEqual(
      proposed,
    );
  });
});

describe("campaignErrorFields", () => {
  it("names the API fields the card shows errors under: the budget and each ad group's hashtags", () => {
    expect(campaignErrorFields(sampleCampaignPayload())).toEqual([
      "editedValue.campaign.budget",
      "editedValue.ad_groups.0.hashtags",
      "editedValue.ad_groups.1.hashtags",
    ]);
  });
});
