/**
 * Paths (dot-joined, list indexes as numbers) where `edited` differs from `proposed`. A list whose
 * length changed differs at the list itself: its items cannot be matched one to one.
 * @example
 * changedPaths({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }); // ["a.c"]
 */
export function changedPaths(proposed: unknown, edited: unknown, at: string[] = []): string[] {
  if (Object.is(proposed, edited)) return [];
  if (Array.isArray(proposed) && Array.isArray(edited)) {
    if (proposed.length !== edited.length) return [at.join(".")];
    return proposed.flatMap((item, i) => changedPaths(item, edited[i], [...at, String(i)]));
  }
  if (isRecord(proposed) && isRecord(edited)) {
    const keys = new Set([...Object.keys(proposed), ...Object.keys(edited)]);
    return [...keys].flatMap((key) => changedPaths(proposed[key], edited[key], [...at, key]));
  }
  return [at.join(".")];
}

/** One value a reviewer changed: where, what was proposed there and what was approved. */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * Each change from `proposed` to `edited` as before → after, a list of plain values (hashtags, ids)
 * as one change: a reader wants "removed #a, added #b", not which index moved.
 * @example
 * valueChanges({ tags: ["a", "b"] }, { tags: ["a", "c"] }); // [{ path: "tags", before: ["a", "b"], after: ["a", "c"] }]
 */
export function valueChanges(proposed: unknown, edited: unknown, at: string[] = []): ValueChange[] {
  if (Object.is(proposed, edited)) return [];
  const plainList = (v: unknown) =>
    Array.isArray(v) && v.every((item) => !isRecord(item) && !Array.isArray(item));
  if (Array.isArray(proposed) && Array.isArray(edited) && !(plainList(proposed) && plainList(edited))) {
    if (proposed.length === edited.length)
      return proposed.flatMap((item, i) => valueChanges(item, edited[i], [...at, String(i)]));
  } else if (isRecord(proposed) && isRecord(edited)) {
    const keys = new Set([...Object.keys(proposed), ...Object.keys(edited)]);
    return [...keys].flatMap((key) => valueChanges(proposed[key], edited[key], [...at, key]));
  }
  if (JSON.stringify(proposed) === JSON.stringify(edited)) return [];
  return [{ path: at.join("."), before: proposed, after: edited }];
}

/** Whether `path` is `pattern` or inside it; `*` in the pattern matches one list index. */
export function isUnder(path: string, pattern: string): boolean {
  const parts = path.split(".");
  const wanted = pattern.split(".");
  if (parts.length < wanted.length) return false;
  return wanted.every((part, i) => part === parts[i] || (part === "*" && /^\d+$/.test(parts[i] ?? "")));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
