import { TARGET_TYPES, type TargetType } from "@tiktok-army/core/model";
import type { RefObject } from "react";
import { type ApiErrorLike, fieldError } from "../api/api-error.ts";
import { Field } from "./field.tsx";

export interface AccountValues {
  handle: string;
  targetType: TargetType;
  notes: string;
}

/** What the form calls each target type; the list itself is the model's. */
const TARGET_TYPE_LABELS: Record<TargetType, string> = {
  brand: "Brand",
  creator: "Creator",
  competitor: "Competitor",
};

/** Whose account a run or brief is about: handle, target type and notes, with the API's field errors. */
export function AccountFields({
  values,
  onChange,
  error,
  handleRef,
  notesRows = 2,
}: {
  values: AccountValues;
  onChange: (values: AccountValues) => void;
  error: ApiErrorLike | null | undefined;
  handleRef?: RefObject<HTMLInputElement | null>;
  notesRows?: number;
}) {
  const set = (change: Partial<AccountValues>) => onChange({ ...values, ...change });
  return (
    <>
      <Field label="TikTok handle" error={fieldError(error, "handle")}>
        {(control) => (
          <input
            {...control}
            ref={handleRef}
            name="handle"
            autoComplete="off"
            spellCheck={false}
            placeholder="lakucosmetics"
            value={values.handle}
            onChange={(e) => set({ handle: e.target.value })}
          />
        )}
      </Field>
      <Field label="Target type" error={fieldError(error, "targetType")}>
        {(control) => (
          <select
            {...control}
            value={values.targetType}
            onChange={(e) => {
              const targetType = TARGET_TYPES.find((t) => t === e.target.value);
              if (targetType) set({ targetType });
            }}
          >
            {TARGET_TYPES.map((t) => (
              <option key={t} value={t}>
                {TARGET_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Notes (optional)" error={fieldError(error, "notes")} className="span-all">
        {(control) => (
          <textarea
            {...control}
            rows={notesRows}
            value={values.notes}
            onChange={(e) => set({ notes: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

/** The values as the API takes them: trimmed, and no empty notes. */
export function accountInput(values: AccountValues) {
  return {
    handle: values.handle.trim(),
    targetType: values.targetType,
    ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
  };
}
