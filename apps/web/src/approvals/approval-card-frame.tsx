import { type ReactNode, useId } from "react";
import { Link } from "react-router";
import type { Approval } from "../api/trpc.ts";
import { useNow } from "../app/use-now.ts";
import { formatDateTime } from "../format.ts";
import { expiryText } from "./gate-timing.ts";
import "./review-card.css";

/**
 * The card every pending approval sits in: its gate's label, the run it belongs to, what approving
 * unlocks and when the gate expires, and the review.
 */
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
  // Minutes are the finest unit the expiry is said in.
  const now = useNow(approval.expiresAt !== null, 30_000);
  return (
    <article
      className="card approval-card"
      id={`approval-${approval.id}`}
      data-testid="approval-card"
      data-approval-id={approval.id}
      data-review={kind}
      aria-labelledby={titleId}
    >
      <ApprovalCardHead approval={approval} titleId={titleId} />
      <dl className="gate-facts">
        {approval.unlocks.length > 0 && (
          <div>
            <dt>Approving unlocks</dt>
            <dd data-testid="gate-unlocks">{approval.unlocks.join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>Expiry</dt>
          <dd data-testid="gate-expiry">{expiryText(approval.expiresAt, now)}</dd>
        </div>
      </dl>
      {children}
    </article>
  );
}

/** The gate's label (focusable, for links to one approval) and the run it belongs to. */
export function ApprovalCardHead({ approval, titleId }: { approval: Approval; titleId: string }) {
  return (
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
  );
}
