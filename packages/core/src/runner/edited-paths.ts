import { valueAtPath } from "../workflow/input-path.ts";

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
 * Each change between a proposed value and the approved edit, before -> after; a missing side is
 * `undefined` (a key added or removed).
 * @example
 * valueChanges({ budget: 50 }, { budget: 75 }); // [{ path: "budget", before: 50, after: 75 }]
 */
export function valueChanges(proposed: unknown, edited: unknown): ValueChange[] {
  return changedPaths(proposed, edited).map((path) => ({
    path,
    before: valueAt(proposed, path),
    after: valueAt(edited, path),
  }));
}

function valueAt(value: unknown, path: string): unknown {
  const at = valueAtPath(value, path ? path.split(".") : []);
  return at.found ? at.value : undefined;
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
