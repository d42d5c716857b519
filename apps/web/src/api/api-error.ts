/**
 * What the dashboard shows of an API error. The API names the offending input in `data.field`
 * (see the error formatter in @tiktok-army/api) and prefixes the message with it: `handle: handle
 * must be 2–24 letters…`. Forms show that message beside the field, without the prefix.
 */
export interface ApiErrorLike {
  message: string;
  data?: { code?: string; field?: string } | null;
}

/** The message for `field` when the error is about that field (or a path inside it), else undefined. */
export function fieldError(error: ApiErrorLike | null | undefined, field: string): string | undefined {
  const named = error?.data?.field;
  if (!error || !named) return undefined;
  if (named !== field && !named.startsWith(`${field}.`)) return undefined;
  return stripFieldPrefix(error.message, named);
}

/** The message of an error no field of `fields` shows, for a form-level notice; else undefined. */
export function formError(
  error: ApiErrorLike | null | undefined,
  fields: readonly string[],
): string | undefined {
  if (!error) return undefined;
  if (fields.some((f) => fieldError(error, f) !== undefined)) return undefined;
  return error.message;
}

/** The tRPC error code (`UNAUTHORIZED`, `NOT_FOUND`…) of an error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: { code?: unknown } | null }).data;
  return typeof data?.code === "string" ? data.code : undefined;
}

function stripFieldPrefix(message: string, field: string): string {
  // Zod issues of several fields come joined with "; ": keep the ones about this field.
  const parts = message.split("; ").filter((part) => part.startsWith(`${field}: `));
  const relevant = parts.length > 0 ? parts : [message];
  return relevant
    .map((part) => (part.startsWith(`${field}: `) ? part.slice(field.length + 2) : part))
    .join("; ");
}
