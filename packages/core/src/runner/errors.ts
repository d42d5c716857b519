export type RunTransitionCode =
  | "unknown_step"
  | "invalid_transition"
  | "stale_attempt"
  | "approval_not_found"
  | "approval_already_decided"
  | "run_finished";

/** An event that does not fit the run's current state; nothing is written when one is raised. */
export class RunTransitionError extends Error {
  override readonly name = "RunTransitionError";
  constructor(
    readonly code: RunTransitionCode,
    message: string,
    readonly stepKey?: string,
  ) {
    super(message);
  }
}

/** A step ran out of attempts and the run failed; carries the step and its last error. */
export class StepFailedError extends Error {
  override readonly name = "StepFailedError";
  readonly code = "step_failed" as const;
  constructor(
    readonly runId: string,
    readonly stepKey: string,
    readonly stepError: string,
  ) {
    super(`step "${stepKey}" failed: ${stepError}`);
  }
}

/** Thrown by an agent when retrying cannot help (bad input, a refusal); the step fails at once. */
export class NonRetriableError extends Error {
  // Typed as string so subclasses (LlmRequestRefusedError) can name themselves.
  override readonly name: string = "NonRetriableError";
}

/** A readable one-line message for any error, zod errors listing each field. */
export function describeError(error: unknown): string {
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues))
    return error.issues
      .map((i: { path: PropertyKey[]; message: string }) => `${i.path.join(".") || "(input)"}: ${i.message}`)
      .join("; ");
  return error instanceof Error ? error.message : String(error);
}
