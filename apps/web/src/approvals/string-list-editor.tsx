import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { addListItem } from "./edited-value.ts";
import "./review-card.css";

interface StringListEditorProps {
  field: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  describedBy?: string | undefined;
  /** What the list is, when its field's name does not say it (e.g. one ad group's hashtags). */
  legend?: ReactNode;
  /** A list of hashtags: shown with `#`, added without it, a tag listed in another case refused. */
  hashtags?: boolean;
  /** What the reviewer should know about one item (where it came from), shown beside its chip. */
  detail?: ((item: string) => ReactNode) | undefined;
}

/**
 * A list of strings (hashtags, say): remove any item, add new ones. Removing a chip moves focus to the
 * next chip, else the previous one, else the add field, so a keyboard user never lands on the page's top.
 */
export function StringListEditor({
  field,
  items,
  onChange,
  describedBy,
  legend,
  hashtags = false,
  detail,
}: StringListEditorProps) {
  const [draft, setDraft] = useState("");
  const [refused, setRefused] = useState<string | undefined>();
  const inputId = useId();
  const refusedId = useId();
  const detailId = useId();
  const input = useRef<HTMLInputElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  // The index of the chip just removed: after the list re-renders, focus goes to the chip now there.
  const focusAfterRemove = useRef<number | null>(null);

  useEffect(() => {
    const index = focusAfterRemove.current;
    if (index === null) return;
    focusAfterRemove.current = null;
    const next = items[index] ?? items[index - 1];
    const target = next === undefined ? input.current : removeButtons.current.get(next);
    target?.focus();
  }, [items]);

  function remove(index: number) {
    focusAfterRemove.current = index;
    onChange(items.filter((_, i) => i !== index));
  }

  function add() {
    const result = addListItem(items, draft, { hashtags });
    setRefused(result.refused);
    if (result.refused) return;
    if (result.items.length !== items.length) onChange(result.items);
    setDraft("");
    // The Add button is disabled once the field is empty: focus would fall to the page's top.
    input.current?.focus();
  }

  const shown = (item: string) => (hashtags ? `#${item}` : item);
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
        <ul className={detail ? "chips chips-detailed" : "chips"}>
          {items.map((item, index) => {
            const about = detail?.(item);
            const aboutId = `${detailId}-${index}`;
            return (
              <li key={item} className="chip-row" data-testid="chip">
                <span className="chip">
                  <span>{shown(item)}</span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${item}`}
                    aria-describedby={about ? aboutId : undefined}
                    ref={(el) => {
                      if (el) removeButtons.current.set(item, el);
                      else removeButtons.current.delete(item);
                    }}
                    onClick={() => remove(index)}
                  >
                    ✕
                  </button>
                </span>
                {about && (
                  <span className="chip-detail" id={aboutId} data-testid="chip-detail">
                    {about}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="inline-form">
        <label htmlFor={inputId} className="sr-only">
          Add to {field}
        </label>
        <input
          id={inputId}
          ref={input}
          value={draft}
          placeholder={hashtags ? "Add a hashtag" : `Add to ${field}`}
          autoComplete="off"
          aria-invalid={refused ? true : undefined}
          aria-describedby={refused ? refusedId : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            setRefused(undefined);
          }}
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
      {refused && (
        <p className="field-error" id={refusedId} role="alert" data-testid="list-add-refused">
          {refused}
        </p>
      )}
    </fieldset>
  );
}
