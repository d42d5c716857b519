import { type CampaignPayload, MIN_DAILY_BUDGET } from "@tiktok-army/core/model";
import { useMemo, useState } from "react";
import { fieldError } from "../api/api-error.ts";
import type { Approval } from "../api/trpc.ts";
import { Field } from "../ui/field.tsx";
import { AdGroupReview } from "./ad-group-review.tsx";
import { ApprovalCardFrame } from "./approval-card-frame.tsx";
import { formatMoney } from "./campaign-display.ts";
import { ScheduleFacts } from "./campaign-facts.tsx";
import {
  type CampaignEdits,
  campaignEditability,
  campaignErrorFields,
  editedField,
  editedPayload,
  initialEdits,
} from "./campaign-review.ts";
import { DecisionControls } from "./decision-controls.tsx";
import { isEdited } from "./edited-value.ts";
import { hashtagDetail } from "./hashtag-detail.tsx";
import { hashtagEvidenceByTag } from "./hashtag-evidence.ts";
import { type Decision, useDecision } from "./use-decision.ts";

interface CampaignReviewCardProps {
  approval: Approval;
  /** `approval.value`, read as a campaign payload. */
  payload: CampaignPayload;
  onDecided: (d: Decision) => void;
}

/**
 * A drafted campaign as TikTok will get it: budget, schedule, targeting and every ad. Only what the
 * gate's `editable` paths allow has an input; the card sends the whole proposed payload back with
 * only those parts changed, and shows the API's refusals under the input they name.
 */
export function CampaignReviewCard({ approval, payload, onDecided }: CampaignReviewCardProps) {
  const decision = useDecision(approval, onDecided);
  const editability = campaignEditability(approval.editable);
  const [edits, setEditsState] = useState<CampaignEdits>(() => initialEdits(payload));
  const setEdits = (next: CampaignEdits) => {
    setEditsState(next);
    if (decision.error) decision.reset();
  };
  const value = editedPayload(approval.value, edits, editability);
  const budget = edits.budgetText.trim() === "" ? Number.NaN : Number(edits.budgetText);
  const { currency } = payload;
  const evidence = useMemo(() => hashtagEvidenceByTag(approval.evidence), [approval.evidence]);

  return (
    <ApprovalCardFrame approval={approval} kind="campaign">
      <p className="approval-note">
        Approving creates this campaign at TikTok <strong>disabled</strong>: nothing is spent until a second
        approval enables it.
      </p>
      <p>
        <strong>{payload.campaign.campaign_name}</strong>
      </p>
      {editability.budget ? (
        <Field
          label={`Daily budget (${currency})`}
          hint={`From ${formatMoney(MIN_DAILY_BUDGET, currency)} (TikTok's minimum) to ${formatMoney(payload.max_daily_budget, currency)} (this step's maximum).`}
          error={fieldError(decision.error, editedField("campaign.budget"))}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="decimal"
              min={MIN_DAILY_BUDGET}
              max={payload.max_daily_budget}
              step="any"
              data-testid="campaign-budget"
              value={edits.budgetText}
              onChange={(e) => setEdits({ ...edits, budgetText: e.target.value })}
            />
          )}
        </Field>
      ) : (
        <p data-testid="campaign-budget">
          <strong>Daily budget:</strong> {formatMoney(payload.campaign.budget, currency)}
        </p>
      )}
      <ScheduleFacts payload={payload} dailyBudget={Number.isFinite(budget) ? budget : undefined} />
      {payload.ad_groups.map((group, i) => (
        <AdGroupReview
          key={group.adgroup_name}
          group={group}
          hashtags={edits.hashtags[i] ?? group.hashtags}
          onHashtagsChange={
            editability.hashtags
              ? (tags) => setEdits({ ...edits, hashtags: edits.hashtags.map((t, j) => (j === i ? tags : t)) })
              : undefined
          }
          error={fieldError(decision.error, editedField(`ad_groups.${i}.hashtags`))}
          hashtagDetail={hashtagDetail(group.hashtags, evidence)}
        />
      ))}
      <DecisionControls
        decision={decision}
        edits={
          editability.budget || editability.hashtags
            ? { value, edited: isEdited(approval.value, value), valid: true }
            : undefined
        }
        shownFields={campaignErrorFields(payload)}
      />
    </ApprovalCardFrame>
  );
}
