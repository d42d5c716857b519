import { valueChanges } from "@tiktok-army/core/model";
import type { Approval } from "../api/trpc.ts";
import { formatDateTime } from "../format.ts";
import { StatusPill } from "../ui/status-pill.tsx";
import { changedValueText, decisionVerb } from "./decision-text.ts";

/** A decided gate: who decided, when, each value they changed (before -> after), and their comment. */
export function DecisionRecord({ approval }: { approval: Approval }) {
  const edited = approval.status === "approved" && approval.editedValue !== null;
  const changes = edited ? valueChanges(approval.value, approval.editedValue) : [];
  return (
    <section
      className="decision-record"
      aria-labelledby={`decision-${approval.id}`}
      data-testid="decision-record"
    >
      <div className="decision-record-head">
        <h3 id={`decision-${approval.id}`}>Decision</h3>
        <StatusPill status={approval.status} />
      </div>
      <p data-testid="decision-summary">
        {decisionVerb(approval.status, edited)}
        {approval.decidedBy && (
          <>
            {" "}
            by <strong>{approval.decidedBy}</strong>
          </>
        )}
        {approval.decidedAt && (
          <>
            {" "}
            on <time dateTime={approval.decidedAt}>{formatDateTime(approval.decidedAt)}</time>
          </>
        )}
        .
      </p>
      {changes.length > 0 && (
        <ul className="change-list" data-testid="decision-changes">
          {changes.map((change) => (
            <li key={change.path} data-path={change.path}>
              <code>{change.path || approval.field}</code>: <span className="sr-only">from </span>
              <del>{changedValueText(change.before)}</del> <span aria-hidden="true">→</span>
              <span className="sr-only"> to</span> <ins>{changedValueText(change.after)}</ins>
            </li>
          ))}
        </ul>
      )}
      {approval.comment && (
        <blockquote className="comment" data-testid="decision-comment">
          <p>{approval.comment}</p>
        </blockquote>
      )}
    </section>
  );
}
