/** Codes the API maps to its own: not_found -> NOT_FOUND, conflict -> CONFLICT, invalid_input -> BAD_REQUEST. */
export type DataErrorCode = "not_found" | "conflict" | "invalid_input";

/**
 * A request the data layer refuses; nothing was written. `field` names the offending input and
 * `reason` says what is wrong with it without naming it: what a form shows beside the field. An
 * input its schema refused carries the ZodError as `cause`, with every field's issues.
 */
export class DataError extends Error {
  override readonly name = "DataError";
  readonly reason: string;
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly field?: string,
    options: { reason?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.reason = options.reason ?? message;
  }
}

export const notFound = (what: string, id: string) =>
  new DataError("not_found", `No ${what} with id '${id}'`);

/**
 * A refused input field: the message names it for logs and other clients, the reason does not.
 * @example
 * invalidField("params.campaignId", "must be set"); // message "params.campaignId: must be set"
 */
export function invalidField(field: string, reason: string): DataError {
  return new DataError("invalid_input", `${field}: ${reason}`, field, { reason });
}
