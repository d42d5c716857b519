import { z } from "zod";
import { handleSchema, notesSchema, TARGET_TYPES } from "../workflow/brief.ts";
import { runParamsInputSchema } from "./start-run-input.ts";

/**
 * What a brief can ask for; each outcome is the slug of the workflow that serves it. The database
 * enum `BriefOutcome` holds the same values in the same order (the db package checks that it does).
 */
export const BRIEF_OUTCOMES = [
  "profile_audit",
  "campaign_launch",
  "post_launch_loop",
  "competitor_scan",
] as const;
export type BriefOutcome = (typeof BRIEF_OUTCOMES)[number];

/** A new brief: whose account, which outcome, notes and the outcome's workflow params. */
export const createBriefSchema = z
  .object({
    handle: handleSchema,
    targetType: z.enum(TARGET_TYPES),
    outcome: z.enum(BRIEF_OUTCOMES, { message: `outcome must be one of ${BRIEF_OUTCOMES.join(", ")}` }),
    notes: notesSchema.optional(),
    params: runParamsInputSchema.optional(),
  })
  .strict();
export type CreateBriefInput = z.input<typeof createBriefSchema>;
