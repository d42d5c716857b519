import type { z } from "zod";
import { LlmOutputError } from "./errors.ts";
import type { LlmUsage } from "./port.ts";

/**
 * Parses a reply as JSON and validates it against the step's schema. Both adapters go through here, so a mock
 * fixture only passes if the same text from Claude would. `billed` (what the reply cost) travels on the error,
 * since a reply that fails here was paid for all the same.
 */
export function parseStructuredReply<T>(
  raw: string,
  schema: z.ZodType<T>,
  agent: string,
  billed: { usage?: LlmUsage; model?: string } = {},
): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LlmOutputError(`reply for agent "${agent}" is not valid JSON: ${reason}`, raw, {
      usage: billed.usage,
      model: billed.model,
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : "";
  throw new LlmOutputError(`reply for agent "${agent}" does not match its schema: ${issues}${more}`, raw, {
    usage: billed.usage,
    model: billed.model,
    cause: parsed.error,
  });
}
