import { type ReactNode, useId } from "react";
import { Link } from "react-router";
import type { Approval } from "../api/trpc.ts";
import { formatDateTime } from "../format.ts";

/** The card every pending approval sits in: its gate's label, the run it belongs to, and the review. */
export function ApprovalCardFrame({
  approval,
  kind,
  children,
}: {
  approval: Approval;
  /** Which review the card shows (`campaign`, `enable`, `value`), for styles and tests. */
  kind: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <article
      className="card approval-card"
      id={`approval-${approval.id}`}
      data-testid="approval-card"
      data-approval-id={approval.id}
      data-review={kind}
      aria-labelledby={titleId}
    >
      <header className="approval-card-head">
        <h2 id={titleId} tabIndex={-1}>
          {approval.label}
        </h2>
        <p className="muted">
          {approval.workflowName}
          {approval.handle && ` · @${approval.handle}`} · requested {formatDateTime(approval.requestedAt)} ·{" "}
          <Link to={`/runs/${approval.runId}?step=${approval.stepKey}`}>View the run</Link>
        </p>
      </header>
      {children}
    </article>
  );
}
