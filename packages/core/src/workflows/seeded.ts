import { WorkflowDefinitionError } from "../workflow/errors.ts";
import type { WorkflowDef } from "../workflow/types.ts";
import { CAMPAIGN_LAUNCH } from "./campaign-launch.ts";
import { COMPETITOR_SCAN } from "./competitor-scan.ts";
import { POST_LAUNCH_LOOP } from "./post-launch-loop.ts";
import { PROFILE_AUDIT } from "./profile-audit.ts";

/** Indexes workflows by slug; a repeated slug is an error, never a silent override. */
export function workflowsBySlug(workflows: readonly WorkflowDef[]): ReadonlyMap<string, WorkflowDef> {
  const bySlug = new Map<string, WorkflowDef>();
  for (const workflow of workflows) {
    if (bySlug.has(workflow.slug))
      throw new WorkflowDefinitionError(workflow.slug, [
        { code: "duplicate_slug", message: `two workflows share the slug "${workflow.slug}"` },
      ]);
    bySlug.set(workflow.slug, workflow);
  }
  return bySlug;
}

/** The workflows every workspace starts with; also the list shown when a workspace has none stored. */
export const SEEDED_WORKFLOWS: readonly WorkflowDef[] = [
  PROFILE_AUDIT,
  CAMPAIGN_LAUNCH,
  POST_LAUNCH_LOOP,
  COMPETITOR_SCAN,
];
export const SEEDED_WORKFLOWS_BY_SLUG = workflowsBySlug(SEEDED_WORKFLOWS);
