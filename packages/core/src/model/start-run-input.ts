import { z } from "zod";
import { handleSchema, notesSchema, TARGET_TYPES } from "../workflow/brief.ts";
import { slugSchema } from "../workflow/identifier.ts";

/** A run's params as sent: any JSON object, checked against the workflow's params schema when the run starts. */
export const runParamsInputSchema = z.record(z.string(), z.json());

/** Start a run from a stored brief (its params included)... */
export const startRunFromBriefSchema = z
  .object({ slug: slugSchema, briefId: z.uuid("briefId must be a UUID") })
  .strict();

/** ...or ad hoc, from a handle and a target type. */
export const startAdHocRunSchema = z
  .object({
    slug: slugSchema,
    handle: handleSchema,
    targetType: z.enum(TARGET_TYPES),
    notes: notesSchema.optional(),
    params: runParamsInputSchema.optional(),
  })
  .strict();

type FromBrief = typeof startRunFromBriefSchema;
type AdHoc = typeof startAdHocRunSchema;

/**
 * What starting a run takes: `{ slug, briefId }`, or `{ slug, handle, targetType, notes?, params? }`.
 * The input picks its branch first (a `briefId` means a brief), so a refusal names the fields of
 * the branch the caller meant; a plain union would answer "invalid input" when both branches fail.
 * @example
 * startRunInputSchema.parse({ slug: "profile_audit", handle: "@lakucosmetics", targetType: "brand" });
 */
export const startRunInputSchema = z
  .custom<z.input<FromBrief> | z.input<AdHoc>>()
  .transform((input, ctx): z.output<FromBrief> | z.output<AdHoc> => {
    const fromBrief = typeof input === "object" && input !== null && "briefId" in input;
    const parsed = fromBrief
      ? startRunFromBriefSchema.safeParse(input)
      : startAdHocRunSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const { path, message } of parsed.error.issues)
      ctx.issues.push({ code: "custom", path, message, input });
    return z.NEVER;
  });
export type StartRunInput = z.input<typeof startRunInputSchema>;
