/**
 * What the dashboard shows of an API error. The API gives each refused input field its messages in
 * `data.fieldErrors`, keyed by the field's path (`handle`, `params.competitors.0`): see the error
 * formatter in @tiktok-army/api. Forms show them beside their fields as they come.
 */
export interface ApiErrorLike {
  message: string;
  data?: { code?: string; fieldErrors?: Record<string, string[]> } | null;
}

/** The messages about `field` or a path inside it (`params` covers `params.competitors.0`), else undefined. */
export function fieldError(error: ApiErrorLike | null | undefined, field: string): string | undefined {
  const messages = refusedFields(error)
    .filter(([path]) => isWithin(path, field))
    .flatMap(([, list]) => list);
  return messages.length > 0 ? messages.join(" ") : undefined;
}

/**
 * What a form-level notice shows: the error's message when none of `fields` shows a part of it, the
 * refusals of other fields when some do, and nothing when the fields show all of it.
 */
export function formError(
  error: ApiErrorLike | null | undefined,
  fields: readonly string[],
): string | undefined {
  if (!error) return undefined;
  const refused = refusedFields(error);
  const elsewhere = refused.filter(([path]) => !fields.some((field) => isWithin(path, field)));
  if (elsewhere.length === refused.length) return error.message;
  if (elsewhere.length === 0) return undefined;
  return elsewhere.map(([path, list]) => `${path}: ${list.join(" ")}`).join("\n");
}

/** The tRPC error code (`UNAUTHORIZED`, `NOT_FOUND`…) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === "string" ? data.code : undefined;
}

function refusedFields(error: ApiErrorLike | null | undefined): [string, string[]][] {
  return Object.entries(error?.data?.fieldErrors ?? {});
}

function isWithin(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`);
}
