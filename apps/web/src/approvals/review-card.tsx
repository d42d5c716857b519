import { useId, useMemo, useState } from "react";
import { fieldError } from "../api/api-error.ts";
import type { Approval } from "../api/trpc.ts";
import { Field } from "../ui/field.tsx";
import { JsonBlock } from "../ui/json-block.tsx";
import { ApprovalCardFrame } from "./approval-card-frame.tsx";
import { parseCampaignPayload, parsePublishedCampaign } from "./campaign-review.ts";
import { CampaignReviewCard } from "./campaign-review-card.tsx";
import { DecisionControls } from "./decision-controls.tsx";
import { editorKindOf, isEdited, parseJsonText, type TableRow } from "./edited-value.ts";
import { EnableReviewCard } from "./enable-review-card.tsx";
import { StringListEditor } from "./string-list-editor.tsx";
import { TableEditor } from "./table-editor.tsx";
import { type Decision, useDecision } from "./use-decision.ts";

export type { Decision } from "./use-decision.ts";

interface ReviewCardProps {
  approval: Approval;
  onDecided: (d: Decision) => void;
}

/**
 * One pending approval, reviewed as what it will do: a campaign payload as the campaign it creates,
 * a created campaign as the spend its enabling starts, any other value in an editor for its shape.
 */
export function ReviewCard({ approval, onDecided }: ReviewCardProps) {
  const payload = useMemo(() => parseCampaignPayload(approval.value), [approval.value]);
  const created = useMemo(() => parsePublishedCampaign(approval.value), [approval.value]);
  if (payload) return <CampaignReviewCard approval={approval} payload={payload} onDecided={onDecided} />;
  if (created) return <EnableReviewCard approval={approval} created={created} onDecided={onDecided} />;
  return <ValueReviewCard approval={approval} onDecided={onDecided} />;
}

/**
 * Any other gated value, editable in the editor its shape gets unless the gate allows no edit.
 * Approving with edits sends the edited value; the API checks it against the field's schema and
 * names the problem, shown under the editor.
 */
function ValueReviewCard({ approval, onDecided }: ReviewCardProps) {
  const decision = useDecision(approval, onDecided);
  const locked = approval.editable !== null && approval.editable.length === 0;
  const kind = editorKindOf(approval.value);
  const [value, setValue] = useState<unknown>(approval.value);
  const [jsonText, setJsonText] = useState(() => JSON.stringify(approval.value, null, 2));
  const editorErrorId = useId();

  const parsed = kind === "json" ? parseJsonText(jsonText) : ({ ok: true, value } as const);
  const edited = parsed.ok && isEdited(approval.value, parsed.value);
  const editorError =
    fieldError(decision.error, "editedValue") ?? (parsed.ok ? undefined : `Not valid JSON: ${parsed.error}`);

  return (
    <ApprovalCardFrame approval={approval} kind="value">
      {locked && (
        <>
          <p className="muted">
            Proposed <code>{approval.field}</code>: this gate takes no edits, approve or reject it as it is.
          </p>
          <JsonBlock value={approval.value} />
        </>
      )}
      {!locked && kind === "string-list" && (
        <StringListEditor
          field={approval.field}
          items={value as string[]}
          onChange={setValue}
          detail={(item) => ((approval.value as string[]).includes(item) ? null : "added by you")}
          describedBy={editorError ? editorErrorId : undefined}
        />
      )}
      {!locked && kind === "table" && (
        <TableEditor field={approval.field} rows={value as TableRow[]} onChange={(rows) => setValue(rows)} />
      )}
      {!locked && kind === "json" && (
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
      <DecisionControls
        decision={decision}
        edits={locked ? undefined : { value: parsed.ok ? parsed.value : undefined, edited, valid: parsed.ok }}
        shownFields={["editedValue"]}
      />
    </ApprovalCardFrame>
  );
}
