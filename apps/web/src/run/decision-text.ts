import type { ApprovalStatus } from "@tiktok-army/core/model";

const MAX_VALUE_CHARS = 160;

/** One side of a change as short text: JSON (so a string's quotes and a list's brackets show), `(none)` when absent. */
export function changedValueText(value: unknown): string {
  if (value === undefined) return "(none)";
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS - 1)}…` : json;
}

/** What happened at a gate, as the first words of its decision record. */
export function decisionVerb(status: ApprovalStatus, edited: boolean): string {
  switch (status) {
    case "approved":
      return edited ? "Approved with edits" : "Approved as proposed";
    case "rejected":
      return "Rejected";
    case "expired":
      return "Expired without a decision";
    case "pending":
      return "Waiting for a decision";
  }
}
