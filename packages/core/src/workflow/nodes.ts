import { z } from "zod";

/** Reserved agent name of a human approval gate step. */
export const APPROVAL_NODE = "__approval__";
/** Reserved agent name of the final step where the model writes the run's Markdown report. */
export const SYNTHESIS_NODE = "__synthesis__";

/** Options of an approval gate step. */
export const approvalOptionsSchema = z
  .object({
    /** Unanswered this long, the approval expires and the run ends as rejected. Unset: it waits forever. */
    expires_in_hours: z
      .number()
      .positive()
      .max(24 * 90)
      .optional(),
  })
  .strict();
