import {
  createMockLlm,
  FINISHED_RUN_STATUSES,
  type LlmPort,
  LlmRequestError,
  SYNTHESIS_NODE,
} from "@tiktok-army/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { logPort, secretValues } from "./logger.ts";
import { startRun } from "./runs.ts";
import { captureLogs } from "./testing/capture-logs.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

const ANTHROPIC_KEY = "sk-ant-api03-worker-test-key";

/** Mock replies, except that the report's model call fails as Anthropic does for a revoked key. */
function llmRejectingTheReport(): LlmPort {
  const mock = createMockLlm();
  const revoked = () =>
    Promise.reject(new LlmRequestError(`401 authentication_error: invalid x-api-key ${ANTHROPIC_KEY}`, 401));
  return {
    ...mock,
    text: (request) => (request.agent === SYNTHESIS_NODE ? revoked() : mock.text(request)),
    structured: (request) => (request.agent === SYNTHESIS_NODE ? revoked() : mock.structured(request)),
  };
}

let db: TestDatabase;
let engine: Engine;
const logs = captureLogs({ secrets: secretValues({ apiKey: ANTHROPIC_KEY }) });

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await startEngine({
    connectionString: db.url,
    llm: llmRejectingTheReport(),
    concurrency: 2,
    retry: { maxAttempts: 1, backoffMs: 0 },
    log: logPort(logs.logger),
  });
});

afterAll(async () => {
  await engine?.stop();
  await db?.drop();
});

it("logs each step's attempt as a JSON line carrying runId, stepKey and attempt, with secrets redacted", async () => {
  const { workspace } = await createWorkspaceWithKey(engine.prisma, "logs-test");
  const { runId } = await startRun(engine.store, workspace.id, {
    slug: "profile_audit",
    handle: "lakucosmetics",
    targetType: "brand",
  });
  const state = await waitFor(async () => {
    const run = await engine.store.load(runId);
    return run && FINISHED_RUN_STATUSES.includes(run.status) ? run : undefined;
  }, "the run to end");
  expect(state.status).toBe("failed");

  // Every line is one JSON object (lines() throws otherwise).
  const steps = logs.lines().filter((line) => line.msg === "step finished");
  expect(steps).toEqual(
    expect.arrayContaining(
      ["account_health", "trends", "content_plan"].map((stepKey) =>
        expect.objectContaining({ level: "info", runId, stepKey, attempt: 1, ok: true }),
      ),
    ),
  );
  expect(steps).toContainEqual(
    expect.objectContaining({
      level: "warn",
      runId,
      stepKey: "report",
      attempt: 1,
      ok: false,
      retrying: false,
      error: expect.stringContaining("invalid x-api-key [redacted]"),
    }),
  );
  expect(logs.text()).not.toContain(ANTHROPIC_KEY);
});
