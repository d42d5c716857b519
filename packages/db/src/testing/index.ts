export { type CapturedLogs, captureLogs } from "./capture-logs.ts";
export { pendingApproval } from "./pending-approval.ts";
export { stubTikTokOAuth } from "./stub-oauth.ts";
export { createTestDatabase, type TestDatabase } from "./test-database.ts";
export { waitFor } from "./wait.ts";
export { spawnWorker, type WorkerProcess } from "./worker-process.ts";
