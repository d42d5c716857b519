import { z } from "zod";

/** A parsed `inputMap` value. */
export type ParsedInputPath =
  | { source: "brief"; field: string }
  | { source: "params"; field: string }
  | { source: "step"; stepKey: string; path: readonly string[] };

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$|^\d+$/;

/** Parses `brief.<field>`, `params.<field>` or `<stepKey>.output.<path>`; undefined when malformed. */
export function parseInputPath(raw: string): ParsedInputPath | undefined {
  const segments = raw.split(".");
  if (segments.some((s) => !SEGMENT.test(s))) return undefined;
  const [head, second, ...rest] = segments;
  if ((head === "brief" || head === "params") && second !== undefined && rest.length === 0)
    return { source: head, field: second };
  if (head !== undefined && head !== "brief" && head !== "params" && second === "output" && rest.length > 0)
    return { source: "step", stepKey: head, path: rest };
  return undefined;
}

/**
 * The schema found by walking `path` into `schema` (object fields, array indexes), looking through
 * optional/nullable/default wrappers; undefined when the path does not exist.
 */
export function schemaAtPath(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType = schema;
  for (const segment of path) {
    const inner = unwrap(current);
    if (inner instanceof z.ZodObject) {
      if (!Object.hasOwn(inner.shape, segment)) return undefined;
      const field = (inner.shape as Record<string, z.ZodType>)[segment];
      if (!field) return undefined;
      current = field;
    } else if (inner instanceof z.ZodArray && /^\d+$/.test(segment)) {
      current = inner.element as z.ZodType;
    } else if (inner instanceof z.ZodRecord) {
      current = inner.valueType as z.ZodType;
    } else {
      return undefined;
    }
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** Reads `path` from a value; `found: false` when some segment is missing. */
export function valueAtPath(
  value: unknown,
  path: readonly string[],
): { found: true; value: unknown } | { found: false } {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment))
      return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}
