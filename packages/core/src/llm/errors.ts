/** The model answered, but not with something the step can use (malformed JSON, schema mismatch). */
export class LlmOutputError extends Error {
  override readonly name = "LlmOutputError";
  readonly code = "llm_output_invalid" as const;
  constructor(
    message: string,
    readonly raw: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The model could not be reached or refused the call after every retry. */
export class LlmRequestError extends Error {
  override readonly name = "LlmRequestError";
  readonly code = "llm_request_failed" as const;
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
