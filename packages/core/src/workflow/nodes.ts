import { z } from "zod";

/**
 * The `agentName` approval gates had in DAG JSON written before steps had a `kind`; `dagJsonSchema`
 * reads such a step as `kind: "approval"`. Code switches on `step.kind`, never on this name.
 */
export const APPROVAL_NODE = "__approval__";
/**
 * The caller name of the report writer's model calls (`LlmRequest.agent`, which mock report fixtures
 * are keyed by); also the `agentName` synthesis steps had in DAG JSON written before `kind`.
 */
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
    /**
     * Paths inside the reviewed field a reviewer may change (`*` stands for any list index), e.g.
     * `["campaign.budget", "ad_groups.*.hashtags"]`; `[]`: approve or reject, no edit. Unset: any edit
     * that fits the field's schema.
     */
    editable: z.array(z.string().regex(/^[a-z_]+(\.([a-z_]+|\*))*$/)).optional(),
    /**
     * A field of the reviewed step's output that tells the reviewer why the proposal is what it is,
     * shown beside it, e.g. `"hashtag_evidence"` (where each targeted hashtag came from). Unset: none.
     */
    evidence: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .max(64)
      .optional(),
  })
  .strict();
