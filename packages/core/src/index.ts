// Workflow model

// Agents and data
export type { Agent, AgentContext, AnyAgent, SideEffect } from "./agents/contract.ts";
export { defineAgent } from "./agents/contract.ts";
export * from "./agents/index.ts";
export { AgentRegistry, DuplicateAgentError } from "./agents/registry.ts";
export {
  type AdsPortFor,
  type CampaignStatus,
  type PublishedCampaign,
  publishedCampaignSchema,
  type TikTokAdsPort,
} from "./data/ads.ts";
export {
  type AdGroupPayload,
  type AdPayload,
  CAMPAIGN_EDITABLE_PATHS,
  type CampaignPayload,
  campaignPayloadSchema,
  MIN_DAILY_BUDGET,
} from "./data/campaign-payload.ts";
export { type DataFor, type DataScope, fixedData } from "./data/data-scope.ts";
export { DATA_SOURCE, type DataSource, LEGACY_DATA_SOURCE } from "./data/data-source.ts";
export { ConnectionRequiredError, DataUnavailableError } from "./data/errors.ts";
export { createOfflineAds, OFFLINE_ADS_NOTICE } from "./data/offline-ads-port.ts";
export { createOfflineProvider } from "./data/offline-provider.ts";
export type * from "./data/provider.ts";
// Language models
export * from "./llm/index.ts";
// Runs
export * from "./runner/index.ts";
export {
  handleSchema,
  type RunBrief,
  runBriefSchema,
  TARGET_TYPES,
  type TargetType,
} from "./workflow/brief.ts";
export {
  type DagJson,
  dagJsonSchema,
  fromDagJson,
  paramsJsonSchema,
  toDagJson,
} from "./workflow/dag-json.ts";
export { defineWorkflow, validateWorkflow } from "./workflow/define-workflow.ts";
export {
  WorkflowDefinitionError,
  type WorkflowProblem,
  type WorkflowProblemCode,
} from "./workflow/errors.ts";
export { parseInputPath, schemaAtPath, valueAtPath } from "./workflow/input-path.ts";
export type { InputSources, Ref, Refs } from "./workflow/input-refs.ts";
export { APPROVAL_NODE, approvalOptionsSchema, SYNTHESIS_NODE } from "./workflow/nodes.ts";
export { parseRunParams, type RunParams, RunParamsError } from "./workflow/params.ts";
export { stepOutputSchemas } from "./workflow/step-schemas.ts";
export { topoSort } from "./workflow/topo-sort.ts";
export type {
  AgentStepDef,
  ApprovalStepDef,
  InputPath,
  LatestRunSource,
  StepKind,
  SynthesisStepDef,
  WorkflowDef,
  WorkflowStepDef,
} from "./workflow/types.ts";
export { WorkflowBuilder, workflow } from "./workflow/workflow-builder.ts";

// Seeded workflows
export { CAMPAIGN_LAUNCH } from "./workflows/campaign-launch.ts";
export { COMPETITOR_SCAN } from "./workflows/competitor-scan.ts";
export { POST_LAUNCH_LOOP } from "./workflows/post-launch-loop.ts";
export { PROFILE_AUDIT } from "./workflows/profile-audit.ts";
export { SEEDED_WORKFLOWS, SEEDED_WORKFLOWS_BY_SLUG, workflowsBySlug } from "./workflows/seeded.ts";
