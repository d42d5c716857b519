import { type ReactNode, useState } from "react";
import { fieldError, formError } from "../api/api-error.ts";
import { Field } from "../ui/field.tsx";
import { ErrorNotice } from "../ui/notices.tsx";
import type { useDecision } from "./use-decision.ts";

interface DecisionControlsProps {
  decision: ReturnType<typeof useDecision>;
  /** The edited value to send with "Approve with edits"; undefined: the card has no editor. */
  edits?: { value: unknown; edited: boolean; valid: boolean } | undefined;
  /** API fields the card shows errors under itself; the rest are shown here. */
  shownFields: readonly string[];
  /** What approving does, said beside the buttons. */
  note?: ReactNode;
}

/** Comment, refusals the card's fields do not show, and the decisions: approve, approve with edits, reject. */
export function DecisionControls({ decision, edits, shownFields, note }: DecisionControlsProps) {
  const [comment, setComment] = useState("");
  const otherError = formError(decision.error, [...shownFields, "comment"]);
  const busy = decision.isPending;
  return (
    <>
      <Field label="Comment (optional)" error={fieldError(decision.error, "comment")}>
        {(control) => (
          <textarea {...control} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        )}
      </Field>
      {otherError && <ErrorNotice>{otherError}</ErrorNotice>}
      {note && <p className="approval-note">{note}</p>}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => decision.send("approve", { comment })}
        >
          Approve
        </button>
        {edits && (
          <button
            type="button"
            className="button"
            disabled={busy || !edits.edited || !edits.valid}
            onClick={() => decision.send("approve", { editedValue: edits.value, comment })}
          >
            Approve with edits
          </button>
        )}
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => decision.send("reject", { comment })}
        >
          Reject
        </button>
        {edits?.edited && (
          <span className="muted">
            Edited: “Approve” keeps the proposal, “Approve with edits” sends yours.
          </span>
        )}
      </div>
    </>
  );
}
