import { useState } from "react";
import { emptyDraft, type ParamDraft, type ParamSchema, paramsInput } from "./params-input.ts";

/**
 * The params form state of whichever workflow is chosen: each workflow keeps its own draft, so
 * switching back and forth loses nothing.
 */
export function useParamsDraft(workflow: { slug: string; paramsSchema: unknown } | undefined) {
  const [drafts, setDrafts] = useState<Record<string, Record<string, ParamDraft>>>({});
  const schema = (workflow?.paramsSchema ?? null) as ParamSchema | null;
  const draft = (workflow && drafts[workflow.slug]) ?? (schema ? emptyDraft(schema) : {});
  return {
    schema,
    draft,
    setDraft: (next: Record<string, ParamDraft>) => {
      if (workflow) setDrafts((all) => ({ ...all, [workflow.slug]: next }));
    },
    /** What to send as `params`. */
    input: paramsInput(schema, draft),
  };
}
