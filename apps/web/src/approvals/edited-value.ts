/**
 * The approval editor's model: which editor a proposed value gets, and the pure edits each editor
 * makes. The API takes any JSON as `editedValue` and checks it against the gated field's schema.
 */

export type EditorKind = "string-list" | "table" | "json";
export type TableRow = Record<string, unknown>;

/** Arrays of strings get a list, arrays of plain objects a table, anything else a JSON textarea. */
export function editorKindOf(value: unknown): EditorKind {
  if (!Array.isArray(value)) return "json";
  if (value.every((v) => typeof v === "string")) return "string-list";
  if (value.length > 0 && value.every(isPlainObject)) return "table";
  return "json";
}

/** Every key of any row, in the order first seen: rows may leave optional fields out. */
export function tableColumns(rows: readonly TableRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

/** A cell as the text its input shows. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * Sets a cell from its input's text, keeping the kind of value the column had: a number column
 * stays numeric (while the text parses as one), a boolean column boolean, nested values JSON.
 */
export function setCell(rows: readonly TableRow[], index: number, column: string, text: string): TableRow[] {
  const sample =
    rows[index]?.[column] ?? rows.find((r) => r[column] !== undefined && r[column] !== null)?.[column];
  return rows.map((row, i) => (i === index ? { ...row, [column]: parseCell(text, sample) } : row));
}

function parseCell(text: string, sample: unknown): unknown {
  if (typeof sample === "number") {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? n : text;
  }
  if (typeof sample === "boolean") {
    if (text === "true") return true;
    if (text === "false") return false;
    return text;
  }
  if (typeof sample === "object" && sample !== null) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** A list after an add: the items, and why the typed text was refused (nothing added), if it was. */
export interface ListAdd {
  items: string[];
  refused?: string;
}

/**
 * Adds typed text to a string list, trimmed; blank text adds nothing. A hashtag list (`hashtags`)
 * takes the tag without its leading `#`, refuses characters TikTok's hashtags cannot hold, and
 * refuses a tag already there in any case, since TikTok matches hashtags case-insensitively.
 * @example addListItem(["skincare"], " #SkinCare", { hashtags: true }).refused // "#skincare is already…"
 */
export function addListItem(
  items: readonly string[],
  text: string,
  options: { hashtags?: boolean } = {},
): ListAdd {
  const kept = [...items];
  const item = options.hashtags ? text.trim().replace(/^#+/, "").trim() : text.trim();
  if (item === "") return { items: kept };
  if (!options.hashtags)
    return items.includes(item)
      ? { items: kept, refused: `“${item}” is already in the list.` }
      : { items: [...kept, item] };
  if (!/^[\p{L}\p{N}_]+$/u.test(item))
    return {
      items: kept,
      refused: `“${item}” is not a hashtag: a hashtag holds only letters, digits and underscores, no spaces.`,
    };
  const same = items.find((existing) => existing.replace(/^#+/, "").toLowerCase() === item.toLowerCase());
  if (same !== undefined)
    return { items: kept, refused: `#${item} is already in the list${same === item ? "" : ` as #${same}`}.` };
  return { items: [...kept, item] };
}

/** Parses the JSON textarea: the value, or the parser's complaint. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "not valid JSON" };
  }
}

/** True when `edited` differs from `original` as JSON (key order does not count). */
export function isEdited(original: unknown, edited: unknown): boolean {
  return stableJson(original) !== stableJson(edited);
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function isPlainObject(value: unknown): value is TableRow {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
