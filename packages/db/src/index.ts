export {
  type ApiKeyView,
  type AuthenticatedKey,
  apiKeyIsLive,
  authenticateApiKey,
  hashApiKey,
  LAST_USED_PRECISION_MS,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from "./api-keys.ts";
export { BRIEF_OUTCOMES, createBrief, listBriefs } from "./briefs.ts";
export { RUN_EVENTS_CHANNEL, STEP_JOBS_CHANNEL } from "./channels.ts";
export { createPrismaClient, Prisma, type PrismaClient, type Tx } from "./client.ts";
export { type EngineEnv, engineEnv, engineEnvSchema, engineOptionsFor, llmFor } from "./config.ts";
export {
  ConnectionError,
  type ConnectionErrorCode,
  ConnectionReauthRequiredError,
  type Connections,
  type ConnectionsOptions,
  type ConnectionView,
  type CreateTikTokOAuth,
  createConnections,
  type Disconnected,
  listConnections,
  type NewConnection,
  openTokenBudgets,
  storeConnection,
  type TikTokPortsSource,
  type TikTokSettings,
  type TokenBudget,
  TokenBudgetExhaustedError,
  type TokenBudgets,
  TokenEncryptionKeyError,
  tiktokConfigured,
  tiktokPorts,
  tiktokProfileReader,
  tiktokSettingsFromEnv,
  tokenKeyringFromEnv,
} from "./connections/index.ts";
export { DataFolderInUseError } from "./data-folder-lock.ts";
export { type OpenDatabase, openDatabase } from "./database.ts";
export { type Engine, type EngineOptions, startEngine } from "./engine.ts";
export { DataError, type DataErrorCode, invalidField } from "./errors.ts";
export {
  QUEUE_SCHEMA,
  type QueueOptions,
  STEP_QUEUE,
  type StepJob,
  startQueue,
  stepEnqueuer,
} from "./queue.ts";
export {
  openRateLimits,
  RATE_LIMITS_SCHEMA,
  type RateLimit,
  type RateLimits,
  type RateVerdict,
  unlimited,
} from "./rate-limits.ts";
export { commitRun, loadRun, PgRunStore, type PgRunStoreOptions, type StepEnqueuer } from "./run-store.ts";
export {
  cancelRun,
  decideApproval,
  expireApprovals,
  retryStep,
  runOfWorkspace,
  startRun,
} from "./runs.ts";
export { executeStepJob, type RunningWorkers, startWorkers, type WorkerOptions } from "./worker.ts";
export {
  definitionVersion,
  getWorkflow,
  listWorkflows,
  materialiseWorkflow,
  runnableWorkflow,
  type WorkflowListing,
} from "./workflows.ts";
export { createWorkspaceWithKey } from "./workspaces.ts";
