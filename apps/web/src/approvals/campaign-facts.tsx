import type { CampaignPayload } from "@tiktok-army/core/model";
import {
  type CampaignSchedule,
  campaignSchedule,
  constantLabel,
  formatMoney,
  formatScheduleTime,
  totalBudget,
  viewerTimeZone,
} from "./campaign-display.ts";

/** When the campaign runs, in the viewer's time zone (named), and the most it spends at `dailyBudget`. */
export function ScheduleFacts({
  payload,
  dailyBudget,
}: {
  payload: CampaignPayload;
  dailyBudget: number | undefined;
}) {
  const schedule = campaignSchedule(payload);
  const zone = viewerTimeZone();
  return (
    <dl className="stats">
      <div>
        <dt>Starts</dt>
        <dd data-testid="campaign-start">{scheduleText(schedule?.start, payload, "schedule_start_time")}</dd>
      </div>
      <div>
        <dt>Ends</dt>
        <dd data-testid="campaign-end">{scheduleText(schedule?.end, payload, "schedule_end_time")}</dd>
      </div>
      <div>
        <dt>Time zone</dt>
        <dd>Your time zone, {zone}</dd>
      </div>
      <div>
        <dt>Total over the schedule</dt>
        <dd data-testid="campaign-total">{totalText(payload.currency, dailyBudget, schedule)}</dd>
      </div>
      <div>
        <dt>Objective</dt>
        <dd>{constantLabel(payload.campaign.objective_type)}</dd>
      </div>
    </dl>
  );
}

function scheduleText(
  date: Date | undefined,
  payload: CampaignPayload,
  field: "schedule_start_time" | "schedule_end_time",
): string {
  // A time that does not read is shown as sent rather than hidden.
  if (!date) return payload.ad_groups[0]?.[field] ?? "—";
  return formatScheduleTime(date);
}

function totalText(
  currency: string,
  daily: number | undefined,
  schedule: CampaignSchedule | undefined,
): string {
  if (!schedule) return "—";
  const days = `${schedule.days} day${schedule.days === 1 ? "" : "s"}`;
  if (daily === undefined || !Number.isFinite(daily)) return `— (${days})`;
  return `at most ${formatMoney(totalBudget(daily, schedule.days), currency)} (${formatMoney(daily, currency)} a day × ${days})`;
}
