import { useId, useState } from "react";
import { Link } from "react-router";
import { fieldError, formError } from "../api/api-error.ts";
import type { Approval } from "../api/trpc.ts";
import { trpc } from "../api/trpc.ts";
import { formatDateTime } from "../format.ts";
import { Field } from "../ui/field.tsx";
import { ErrorNotice } from "../ui/notices.tsx";
import { editorKindOf, isEdited, parseJsonText, type TableRow } from "./edited-value.ts";
import { StringListEditor } from "./string-list-editor.tsx";
import { TableEditor } from "./table-editor.tsx";

export interface Decision {
  approval: Approval;
  decision: "approved" | "approved with edits" | "rejected";
  runStatus: string;
}

/**
 * One pending approval: what an agent proposes for the gated field, editable, with a comment and
 * the three decisions. Approving with edits sends the edited value; the API checks it against the
 * field's schema and names the problem, shown under the editor.
 */
export function ReviewCard({
  approval,
  onDecided,
}: {
  approval: Approval;
  onDecided: (d: Decision) => void;
}) {
  const utils = trpc.useUtils();
  const kind = editorKindOf(approval.value);
  const [value, setValue] = useState<unknown>(approval.value);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(approval.value, null, 2));
  const [comment, setComment] = useState("");
  const titleId = useId();
  const editorErrorId = useId();

  const parsed = kind === "json" ? parseJsonText(jsonText) : ({ ok: true, value } as const);
  const edited = parsed.ok && isEdited(approval.value, parsed.value);

  const decide = trpc.approvals.decide.useMutation({
    onSuccess: (result, input) => {
      onDecided({
        approval,
        decision:
          input.decision === "reject"
            ? "rejected"
            : input.editedValue !== undefined
              ? "approved with edits"
              : "approved",
        runStatus: result.runStatus,
      });
      void utils.approvals.list.invalidate();
      void utils.runs.get.invalidate({ runId: approval.runId });
      void utils.runs.list.invalidate();
    },
    onError: (error) => {
      // Someone else decided first: the list is stale.
      if (error.data?.code === "CONFLICT") void utils.approvals.list.invalidate();
    },
  });

  function send(decision: "approve" | "reject", withEdits = false) {
    decide.mutate({
      approvalId: approval.id,
      decision,
      ...(withEdits && parsed.ok ? { editedValue: parsed.value as never } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  }

  const editorError =
    fieldError(decide.error, "editedValue") ?? (parsed.ok ? undefined : `Not valid JSON: ${parsed.error}`);
  const otherError = formError(decide.error, ["editedValue", "comment"]);

  return (
    <article
      className="card approval-card"
      id={`approval-${approval.id}`}
      data-testid="approval-card"
      data-approval-id={approval.id}
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

      {kind === "string-list" && (
        <StringListEditor
          field={approval.field}
          items={value as string[]}
          onChange={setValue}
          describedBy={editorError ? editorErrorId : undefined}
        />
      )}
      {kind === "table" && (
        <TableEditor field={approval.field} rows={value as TableRow[]} onChange={(rows) => setValue(rows)} />
      )}
      {kind === "json" && (
        <Field
          label={
            <>
              Proposed <code>{approval.field}</code> (JSON)
            </>
          }
        >
          {(control) => (
            <textarea
              {...control}
              aria-invalid={editorError ? true : undefined}
              aria-describedby={editorError ? editorErrorId : undefined}
              className="code-input"
              rows={Math.min(16, jsonText.split("\n").length + 1)}
              spellCheck={false}
              value={jsonText}
              onChange={(e) => setJsonText(e.target.value)}
            />
          )}
        </Field>
      )}
      {editorError && (
        <p className="field-error" id={editorErrorId}>
          {editorError}
        </p>
      )}

      <Field label="Comment (optional)" error={fieldError(decide.error, "comment")}>
        {(control) => (
          <textarea {...control} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        )}
      </Field>
      {otherError && <ErrorNotice>{otherError}</ErrorNotice>}

      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={decide.isPending}
          onClick={() => send("approve")}
        >
          Approve
        </button>
        <button
          type="button"
          className="button"
          disabled={decide.isPending || !edited}
          onClick={() => send("approve", true)}
        >
          Approve with edits
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={decide.isPending}
          onClick={() => send("reject")}
        >
          Reject
        </button>
        {edited && (
          <span className="muted">
            Edited: “Approve” keeps the proposal, “Approve with edits” sends yours.
          </span>
        )}
      </div>
    </article>
  );
}
