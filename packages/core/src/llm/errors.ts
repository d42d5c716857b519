import { NonRetriableError } from "../runner/errors.ts";
import type { LlmUsage } from "./port.ts";

/**
 * The model answered, but not with something the step can use (malformed JSON, schema mismatch, cut off).
 * The reply was billed all the same: `usage` and `model` say what it cost, so traces and run totals count it.
 */
export class LlmOutputError extends Error {
  override readonly name = "LlmOutputError";
  readonly code = "llm_output_invalid" as const;
  readonly usage?: LlmUsage;
  readonly model?: string;
  constructor(
    message: string,
    readonly raw: string,
    options: { cause?: unknown; usage?: LlmUsage; model?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.usage = options.usage;
    this.model = options.model;
  }
}

/** The model could not be reached, or kept failing (408, 409, 429, 5xx) after every retry; a later attempt may work. */
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

/**
 * The API refused the request (400, 401, 403, 404, 413, 422...): the same request would be refused again, so the
 * step fails at once rather than spending its attempts.
 */
export class LlmRequestRefusedError extends NonRetriableError {
  override readonly name = "LlmRequestRefusedError";
  readonly code = "llm_request_refused" as const;
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
