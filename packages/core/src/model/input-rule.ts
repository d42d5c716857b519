/** How deeply a caller's input may nest objects and arrays; the deepest real input (a content plan's posts) nests 4. */
export const MAX_INPUT_DEPTH = 32;

/** Where a caller's input breaks the rule, as a field path (`editedValue.3`), and how. */
export interface InputProblem {
  path: (string | number)[];
  message: string;
}

// An unpaired half of a UTF-16 surrogate pair: JSON can carry it (`"\ud800"`), UTF-8 cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why no stored string may hold `text`, or undefined when it may. */
export function textProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "must not contain a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain an unpaired UTF-16 surrogate";
  return undefined;
}

/**
 * The one rule every caller's input meets before any schema reads it: no string (value or key, at
 * any depth, inside free JSON such as an edited value or params too) holds a NUL character or an
 * unpaired surrogate, which PostgreSQL refuses in text and jsonb (22021, 22P05), and objects and
 * arrays nest at most `maxDepth` deep, so no recursive reader (zod's JSON schema, Prisma) overflows
 * its stack. Walks without recursion and stops at the first problem.
 * @example
 * findInputProblem({ notes: "a\u0000b" }); // { path: ["notes"], message: "must not contain a NUL character (\\u0000)" }
 */
export function findInputProblem(input: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | undefined {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      const message = textProblem(value);
      if (message) return { path, message };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    // Containers count from the input itself: `{ editedValue: [[1]] }` nests 3 deep.
    if (path.length >= maxDepth) return { path, message: `must not nest deeper than ${maxDepth} levels` };
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : Object.entries(value);
    // Reversed onto the stack, so the first problem in reading order is the one named.
    for (const [key, item] of entries.reverse()) {
      if (typeof key === "string") {
        const message = textProblem(key);
        if (message) return { path: [...path, readableKey(key)], message: `has a key that ${message}` };
      }
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

/** A refused key as it can be shown in a field path: its offending characters replaced by U+FFFD. */
function readableKey(key: string): string {
  return key.replace(new RegExp(`\\u0000|${LONE_SURROGATE.source}`, "g"), "\uFFFD");
}
