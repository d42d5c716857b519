import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { formatStatus } from "../format.ts";
import { ApprovalCardHead } from "./approval-card-frame.tsx";
import type { Decision } from "./use-decision.ts";

const SAID: Record<Decision["decision"], string> = {
  approved: "Approved",
  "approved with edits": "Approved with your edits",
  rejected: "Rejected",
};

/**
 * A card just decided, in the place it had: its status notice says what was decided and takes the
 * focus, so a keyboard or screen-reader user hears the outcome and goes on from the same place.
 */
export function DecidedCard({ decision }: { decision: Decision }) {
  const titleId = useId();
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    notice.current?.focus();
  }, []);
  const { approval } = decision;
  return (
    <article
      className="card approval-card approval-card-decided"
      id={`approval-${approval.id}`}
      data-testid="decided-card"
      data-approval-id={approval.id}
      aria-labelledby={titleId}
    >
      <ApprovalCardHead approval={approval} titleId={titleId} />
      <div
        ref={notice}
        tabIndex={-1}
        role="status"
        className={decision.decision === "rejected" ? "notice" : "notice notice-success"}
        data-testid="decision-message"
      >
        {SAID[decision.decision]}: {approval.label}
        {approval.handle && ` for @${approval.handle}`}. The run is now {formatStatus(decision.runStatus)}.{" "}
        <Link to={`/runs/${approval.runId}`}>View the run</Link>
      </div>
    </article>
  );
}
