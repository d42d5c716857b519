import type { PublishedCampaign } from "@tiktok-army/core/model";
import type { Approval } from "../api/trpc.ts";
import { trpc } from "../api/trpc.ts";
import { ApprovalCardFrame } from "./approval-card-frame.tsx";
import { formatMoney } from "./campaign-display.ts";
import { ScheduleFacts } from "./campaign-facts.tsx";
import { parseCampaignPayload } from "./campaign-review.ts";
import { DecisionControls } from "./decision-controls.tsx";
import type { Decision } from "./use-decision.ts";
import { useDecision } from "./use-decision.ts";

interface EnableReviewCardProps {
  approval: Approval;
  /** `approval.value`: the campaign as TikTok holds it, by its ids. */
  created: PublishedCampaign;
  onDecided: (d: Decision) => void;
}

/**
 * The gate before spend: the campaign the publisher created (TikTok's ids, its status) and the budget
 * it was created with, read from the reviewed step's output. No editor: what is enabled is what was
 * created.
 */
export function EnableReviewCard({ approval, created, onDecided }: EnableReviewCardProps) {
  const decision = useDecision(approval, onDecided);
  const reviewed = trpc.runs.step.useQuery(
    { runId: approval.runId, stepKey: approval.reviewedStep ?? "" },
    { enabled: approval.reviewedStep !== null },
  );
  const output = reviewed.data?.output as { payload?: unknown; source?: unknown } | null | undefined;
  const payload = parseCampaignPayload(output?.payload);
  const budget = payload && formatMoney(payload.campaign.budget, payload.currency);

  return (
    <ApprovalCardFrame approval={approval} kind="enable">
      <p className="approval-note">
        Approving <strong>enables this campaign and starts spend</strong>
        {budget ? `: up to ${budget} a day` : ""}. It was created disabled; rejecting leaves it so.
      </p>
      {output?.source === "offline" && (
        <p className="notice" data-testid="enable-demo-note">
          Demo data: this campaign was created by the offline provider, not at TikTok. Enabling it spends
          nothing.
        </p>
      )}
      <dl className="stats">
        <div>
          <dt>TikTok campaign id</dt>
          <dd>
            <code data-testid="enable-campaign-id">{created.campaign_id}</code>
          </dd>
        </div>
        <div>
          <dt>Status now</dt>
          <dd data-testid="enable-status">
            {created.operation_status === "DISABLE" ? "DISABLED" : "ENABLED"}
          </dd>
        </div>
        <div>
          <dt>Daily budget</dt>
          <dd data-testid="enable-budget">{budget ?? (reviewed.isPending ? "Loading…" : "not available")}</dd>
        </div>
      </dl>
      {payload && <ScheduleFacts payload={payload} dailyBudget={payload.campaign.budget} />}
      <div className="table-wrap">
        <table className="caption-left">
          <caption>Ad groups and ads created</caption>
          <thead>
            <tr>
              <th scope="col">Ad group</th>
              <th scope="col">Ad group id</th>
              <th scope="col">Ads (id)</th>
            </tr>
          </thead>
          <tbody>
            {created.ad_groups.map((g) => (
              <tr key={g.adgroup_id}>
                <td>{g.adgroup_name}</td>
                <td>
                  <code>{g.adgroup_id}</code>
                </td>
                <td>
                  {g.ads.map((ad) => (
                    <div key={ad.ad_id}>
                      {ad.ad_name} (<code>{ad.ad_id}</code>)
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DecisionControls decision={decision} shownFields={[]} />
    </ApprovalCardFrame>
  );
}
