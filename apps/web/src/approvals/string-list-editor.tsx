import { type ReactNode, useId, useState } from "react";
import { addListItem } from "./edited-value.ts";

interface StringListEditorProps {
  field: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  describedBy?: string | undefined;
  /** What the list is, when its field's name does not say it (e.g. one ad group's hashtags). */
  legend?: ReactNode;
}

/** A list of strings (hashtags, say): remove any item, add new ones. */
export function StringListEditor({ field, items, onChange, describedBy, legend }: StringListEditorProps) {
  const [draft, setDraft] = useState("");
  const inputId = useId();

  function add() {
    onChange(addListItem(items, draft));
    setDraft("");
  }

  return (
    <fieldset className="list-editor" aria-describedby={describedBy}>
      <legend>
        {legend ?? (
          <>
            Proposed <code>{field}</code>
          </>
        )}{" "}
        ({items.length})
      </legend>
      {items.length === 0 ? (
        <p className="muted">Empty.</p>
      ) : (
        <ul className="chips">
          {items.map((item) => (
            <li key={item} className="chip">
              <span>{item}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${item}`}
                onClick={() => onChange(items.filter((i) => i !== item))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-form">
        <label htmlFor={inputId} className="sr-only">
          Add to {field}
        </label>
        <input
          id={inputId}
          value={draft}
          placeholder={`Add to ${field}`}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button-small" onClick={add} disabled={draft.trim() === ""}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
