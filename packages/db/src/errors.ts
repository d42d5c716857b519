/** Codes the API maps to its own: not_found -> NOT_FOUND, conflict -> CONFLICT, invalid_input -> BAD_REQUEST. */
export type DataErrorCode = "not_found" | "conflict" | "invalid_input";

/** A request the data layer refuses; nothing was written. `field` names the offending input. */
export class DataError extends Error {
  override readonly name = "DataError";
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new DataError("not_found", `No ${what} with id '${id}'`);
