// The browser-safe part of the core (`@tiktok-army/core/model`), shared by the API and the dashboard:
// the schemas of what callers send, the campaign payload a reviewer approves, statuses, run events,
// the one reducer that folds them and the run overview the dashboard draws. Nothing reachable from
// here may import a Node built-in or a package other than zod: packages/layers checks it.
export { LOCATION_IDS } from "../agents/campaign-targeting.ts";
export { type PublishedCampaign, publishedCampaignSchema } from "../data/ads.ts";
export {
  type AdGroupPayload,
  type AdPayload,
  CAMPAIGN_EDITABLE_PATHS,
  type CampaignPayload,
  campaignPayloadSchema,
  MIN_DAILY_BUDGET,
} from "../data/campaign-payload.ts";
export { DATA_SOURCE, type DataSource, LEGACY_DATA_SOURCE } from "../data/data-source.ts";
export { changedPaths, isUnder, type ValueChange, valueChanges } from "../runner/edited-paths.ts";
export { type RunTransitionCode, RunTransitionError } from "../runner/errors.ts";
export type { RunEvent, RunEventBody, RunEventType } from "../runner/events.ts";
export { applyRunEvent, applyRunEventLenient } from "../runner/reduce.ts";
export {
  APPROVAL_STATUS,
  type ApprovalState,
  type ApprovalStatus,
  FINISHED_RUN_STATUSES,
  FINISHED_STEP_STATUSES,
  RUN_STATUS,
  type RunState,
  type RunStatus,
  runApproval,
  runStep,
  STEP_STATUS,
  type StepState,
  type StepStatus,
} from "../runner/run-state.ts";
export {
  handleSchema,
  NOTES_MAX_LENGTH,
  notesSchema,
  type RunBrief,
  runBriefSchema,
  TARGET_TYPES,
  type TargetType,
} from "../workflow/brief.ts";
export { IDENTIFIER, slugSchema, stepKeySchema } from "../workflow/identifier.ts";
export { APPROVAL_NODE, SYNTHESIS_NODE } from "../workflow/nodes.ts";
export { topoSort } from "../workflow/topo-sort.ts";
export { DEFAULT_MAX_BATCH_SIZE } from "./batch-size.ts";
export { type CreateBriefInput, createBriefSchema } from "./create-brief-input.ts";
export { findInputProblem, type InputProblem, MAX_INPUT_DEPTH, textProblem } from "./input-rule.ts";
export { isReportLinkAllowed, reportLinkHosts } from "./report-links.ts";
export {
  type ApprovalOverview,
  applyRunEventToOverview,
  isRunActive,
  isStepInProgress,
  isStepMoving,
  type RunOverview,
  runOverview,
  runProgress,
  type StepKindView,
  type StepOverview,
  stepKindView,
} from "./run-overview.ts";
export {
  runParamsInputSchema,
  type StartRunInput,
  startAdHocRunSchema,
  startRunFromBriefSchema,
  startRunInputSchema,
} from "./start-run-input.ts";
