import { z } from "zod";

/**
 * Input pieces only the API takes, with limits and messages that name the field. What the data layer
 * or the dashboard takes too (slugs, step keys, run and brief inputs) comes from @tiktok-army/core/model.
 */
export const runIdSchema = z.uuid("runId must be a UUID");
export const keyIdSchema = z.uuid("keyId must be a UUID");

const MAX_EDITED_VALUE_BYTES = 64 * 1024;
/** An approver's replacement for the proposed value: any JSON up to 64 KiB. */
export const editedValueSchema = z
  .json()
  .refine(
    (v) => JSON.stringify(v).length <= MAX_EDITED_VALUE_BYTES,
    `must be at most ${MAX_EDITED_VALUE_BYTES} bytes of JSON`,
  );
