/**
 * The campaign review card's model: reading a gate's value as a campaign payload, what the gate lets
 * a reviewer change, and the edited payload the card sends. The API checks that payload again
 * (schema, bounds and the gate's editable paths) and names any refused part.
 */
import {
  type CampaignPayload,
  campaignPayloadSchema,
  isUnder,
  type PublishedCampaign,
  publishedCampaignSchema,
} from "@tiktok-army/core/model";

/** The payload as the card shows it, or undefined when the value is not a campaign payload. */
export function parseCampaignPayload(value: unknown): CampaignPayload | undefined {
  const parsed = campaignPayloadSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The created campaign (TikTok's ids) an enable gate reviews, or undefined. */
export function parsePublishedCampaign(value: unknown): PublishedCampaign | undefined {
  const parsed = publishedCampaignSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export interface CampaignEditability {
  budget: boolean;
  hashtags: boolean;
}

/**
 * Which of the card's inputs the gate lets a reviewer change: `editable` is the gate's list of paths
 * (`*` any list index), null when the gate sets none (any edit that fits the schema).
 */
export function campaignEditability(editable: readonly string[] | null): CampaignEditability {
  const allows = (path: string) => editable === null || editable.some((pattern) => isUnder(path, pattern));
  return { budget: allows("campaign.budget"), hashtags: allows("ad_groups.0.hashtags") };
}

/** What the reviewer typed: the daily budget as its input's text, and each ad group's hashtags. */
export interface CampaignEdits {
  budgetText: string;
  hashtags: readonly (readonly string[])[];
}

export function initialEdits(payload: CampaignPayload): CampaignEdits {
  return {
    budgetText: String(payload.campaign.budget),
    hashtags: payload.ad_groups.map((g) => [...g.hashtags]),
  };
}

/**
 * The whole proposed value with only the editable parts replaced by the reviewer's: built from the
 * value as proposed (not the parsed copy), so nothing else can differ. A budget that is not a number
 * is sent as typed: the API refuses it under the budget's input rather than the card guessing.
 */
export function editedPayload(
  proposed: unknown,
  edits: CampaignEdits,
  editability: CampaignEditability,
): unknown {
  const value = structuredClone(proposed) as {
    campaign: Record<string, unknown>;
    ad_groups: Record<string, unknown>[];
  };
  if (editability.budget) value.campaign.budget = budgetOf(edits.budgetText);
  if (editability.hashtags)
    value.ad_groups.forEach((group, i) => {
      const tags = edits.hashtags[i];
      if (tags) group.hashtags = [...tags];
    });
  return value;
}

function budgetOf(text: string): number | string {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

/** The API's field for a part of the edited value, e.g. `editedValue.campaign.budget`. */
export const editedField = (path: string) => `editedValue.${path}`;

/** The fields the card shows errors under, so the rest goes to the card's notice. */
export function campaignErrorFields(payload: CampaignPayload): string[] {
  return [
    editedField("campaign.budget"),
    ...payload.ad_groups.map((_, i) => editedField(`ad_groups.${i}.hashtags`)),
  ];
}
