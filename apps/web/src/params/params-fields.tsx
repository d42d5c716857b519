import { type ApiErrorLike, fieldError } from "../api/api-error.ts";
import { Field } from "../ui/field.tsx";
import { type ParamDraft, type ParamSchema, paramKind } from "./params-input.ts";

/**
 * The form fields of a workflow's params, rendered from their JSON Schema: no form is written by
 * hand per workflow. The API's message for `params.<field>` shows beside that field.
 */
export function ParamsFields({
  schema,
  values,
  onChange,
  error,
  optional = [],
  path = "params",
}: {
  schema: ParamSchema;
  values: Record<string, ParamDraft>;
  onChange: (values: Record<string, ParamDraft>) => void;
  error: ApiErrorLike | null | undefined;
  /** Required fields the run may leave empty anyway (filled from the latest run of another workflow). */
  optional?: readonly string[];
  path?: string;
}) {
  const required = new Set((schema.required ?? []).filter((name) => !optional.includes(name)));
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, field]) => (
        <ParamField
          key={name}
          name={name}
          schema={field}
          required={required.has(name)}
          value={values[name]}
          onChange={(value) => onChange({ ...values, [name]: value })}
          error={error}
          path={`${path}.${name}`}
        />
      ))}
    </>
  );
}

function ParamField({
  name,
  schema,
  required,
  value,
  onChange,
  error,
  path,
}: {
  name: string;
  schema: ParamSchema;
  required: boolean;
  value: ParamDraft | undefined;
  onChange: (value: ParamDraft) => void;
  error: ApiErrorLike | null | undefined;
  path: string;
}) {
  const kind = paramKind(schema);
  const label = `${schema.title ?? humanise(name)}${required ? "" : " (optional)"}`;
  if (kind === "object") {
    const nested = typeof value === "object" ? value : {};
    return (
      <fieldset className="span-all params-group">
        <legend>{label}</legend>
        {schema.description && <p className="field-hint">{schema.description}</p>}
        <div className="form-grid">
          <ParamsFields schema={schema} values={nested} onChange={onChange} error={error} path={path} />
        </div>
      </fieldset>
    );
  }
  const text = typeof value === "string" ? value : "";
  const hint = [schema.description, kind === "list" ? "One per line, or separated by commas." : undefined]
    .filter(Boolean)
    .join(" ");
  return (
    <Field
      label={label}
      hint={hint || undefined}
      error={fieldError(error, path)}
      className={kind === "list" || kind === "json" ? "span-all" : undefined}
    >
      {(control) => {
        switch (kind) {
          case "boolean":
            return (
              <input
                {...control}
                type="checkbox"
                checked={value === true}
                onChange={(e) => onChange(e.target.checked)}
              />
            );
          case "choice":
            return (
              <select {...control} name={path} value={text} onChange={(e) => onChange(e.target.value)}>
                <option value="">{required ? "Choose…" : "—"}</option>
                {schema.enum?.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            );
          case "number":
            return (
              <input
                {...control}
                name={path}
                inputMode="decimal"
                value={text}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          case "list":
          case "json":
            return (
              <textarea
                {...control}
                name={path}
                rows={3}
                spellCheck={false}
                value={text}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          default:
            return (
              <input
                {...control}
                name={path}
                autoComplete="off"
                spellCheck={false}
                value={text}
                onChange={(e) => onChange(e.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}

/** `campaignId` → "Campaign id", `daily_budget` → "Daily budget". */
function humanise(name: string): string {
  const words = name
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
