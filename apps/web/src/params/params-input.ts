/** The parts of a JSON Schema (draft 2020-12, as zod writes it) that the params forms render. */
export interface ParamSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: ParamSchema;
  properties?: Record<string, ParamSchema>;
  required?: string[];
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

/** What a form holds for one param: the text of an input, a checkbox, or a nested object's fields. */
export type ParamDraft = string | boolean | { [field: string]: ParamDraft };

/** A value the API accepts in `params`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ParamKind = "text" | "number" | "boolean" | "choice" | "list" | "object" | "json";

/** How a field is edited, from its schema; `json` for anything the form has no control for. */
export function paramKind(schema: ParamSchema): ParamKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (schema.enum?.every((v) => typeof v === "string")) return "choice";
  if (type === "string") return "text";
  if (type === "number" || type === "integer") return "number";
  if (type === "boolean") return "boolean";
  if (type === "array" && paramKind(schema.items ?? {}) === "text") return "list";
  if (type === "object" && schema.properties) return "object";
  return "json";
}

/** An empty draft for every field of an object schema. */
export function emptyDraft(schema: ParamSchema): Record<string, ParamDraft> {
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, field]) => [name, emptyValue(field)]),
  );
}

function emptyValue(schema: ParamSchema): ParamDraft {
  const kind = paramKind(schema);
  if (kind === "boolean") return false;
  if (kind === "object") return emptyDraft(schema);
  return "";
}

/**
 * The params as the API takes them: empty fields and unchecked boxes left out (the API then names
 * a missing required one), numbers as numbers, a list one item per line or comma, JSON fields parsed. The API validates
 * the result against the workflow's zod schema; this only shapes it.
 */
export function paramsInput(
  schema: ParamSchema | null | undefined,
  draft: Record<string, ParamDraft>,
): Record<string, JsonValue> | undefined {
  if (!schema) return undefined;
  const value = objectValue(schema, draft);
  return value && Object.keys(value).length > 0 ? value : undefined;
}

function objectValue(
  schema: ParamSchema,
  draft: Record<string, ParamDraft>,
): Record<string, JsonValue> | undefined {
  const entries = Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const value = fieldValue(field, draft[name]);
    return value === undefined ? [] : [[name, value] as [string, JsonValue]];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function fieldValue(schema: ParamSchema, draft: ParamDraft | undefined): JsonValue | undefined {
  if (draft === undefined) return undefined;
  if (typeof draft === "object") return objectValue(schema, draft);
  // Unchecked is left out: the schema's default (false, as a rule) applies.
  if (typeof draft === "boolean") return draft || undefined;
  const text = draft.trim();
  if (text === "") return undefined;
  switch (paramKind(schema)) {
    case "number":
      // Not a number: sent as typed, so the API's message names the field.
      return Number.isFinite(Number(text)) ? Number(text) : text;
    case "list":
      return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean);
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}
