import { z } from "zod";
import { handleSchema, notesSchema, TARGET_TYPES } from "../workflow/brief.ts";
import { slugSchema } from "../workflow/identifier.ts";
import { runParamsInputSchema } from "./start-run-input.ts";

/** A new brief: whose account, which outcome, notes and the outcome's workflow params. */
export const createBriefSchema = z
  .object({
    handle: handleSchema,
    targetType: z.enum(TARGET_TYPES),
    /** The slug of the workflow that serves it; the data layer checks that briefs may ask for it. */
    outcome: slugSchema,
    notes: notesSchema.optional(),
    params: runParamsInputSchema.optional(),
  })
  .strict();
export type CreateBriefInput = z.input<typeof createBriefSchema>;
