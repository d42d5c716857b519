import { z } from "zod";

/** Whose account a run is about. */
export const TARGET_TYPES = ["brand", "creator", "competitor"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** TikTok usernames: 2–24 letters, digits, underscores and periods; a leading @ is dropped. */
export const handleSchema = z
  .string()
  .trim()
  .transform((h) => h.replace(/^@/, ""))
  .pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.]{2,24}$/, "handle must be 2–24 letters, digits, underscores or periods")
      .refine((h) => !h.endsWith("."), "handle cannot end with a period"),
  );

/** The longest notes a brief or an ad-hoc run may carry. */
export const NOTES_MAX_LENGTH = 4000;
export const notesSchema = z
  .string()
  .max(NOTES_MAX_LENGTH, `notes must be at most ${NOTES_MAX_LENGTH} characters`);

/** What a run is asked to do: the `brief.<field>` values an inputMap can read. */
export const runBriefSchema = z.object({
  handle: handleSchema,
  targetType: z.enum(TARGET_TYPES),
  /** The workflow slug a brief asks for; absent for ad-hoc runs. */
  outcome: z.string().optional(),
  notes: notesSchema.optional(),
  /** The workflow's params, already validated against its `params` schema when the run started. */
  params: z.record(z.string(), z.json()).optional(),
});
export type RunBrief = z.infer<typeof runBriefSchema>;
