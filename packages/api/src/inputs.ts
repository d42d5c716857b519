import { z } from "zod";

/** Input pieces shared by routers, with limits and messages that name the field. */
export const runIdSchema = z.uuid("runId must be a UUID");
export const stepKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "stepKey must be lower_snake_case")
  .max(64);
export const slugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "slug must be lower_snake_case")
  .max(64);

const MAX_EDITED_VALUE_BYTES = 64 * 1024;
/** An approver's replacement for the proposed value: any JSON up to 64 KiB. */
export const editedValueSchema = z
  .json()
  .refine(
    (v) => JSON.stringify(v).length <= MAX_EDITED_VALUE_BYTES,
    `must be at most ${MAX_EDITED_VALUE_BYTES} bytes of JSON`,
  );
