import { createMockLlm, FINISHED_RUN_STATUSES } from "@tiktok-army/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { startRun } from "./runs.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { spawnWorker, type WorkerProcess } from "./testing/worker-process.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

// A dead worker's job is handed to another after expiry (3 s) plus at most one maintenance pass (1 s).
const QUEUE_ENV = { STEP_EXPIRE_SECONDS: "3", QUEUE_MAINTENANCE_SECONDS: "1", WORKER_CONCURRENCY: "1" };

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: Engine;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startEngine({
    connectionString: db.url,
    llm: createMockLlm(),
    concurrency: 0,
    queue: { expireInSeconds: 3, maintenanceIntervalSeconds: 1 },
  });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill("SIGKILL")));
  await api?.stop();
  await db?.drop();
});

it("finishes the run after a worker is SIGKILLed mid-step, with every step's output recorded exactly once", async () => {
  // This worker's model calls take a minute: it is certainly mid-step when killed.
  const doomed = await spawnWorker(db.url, { ...QUEUE_ENV, MOCK_LLM_LATENCY_MS: "60000" });
  workers.push(doomed);
  const { workspace } = await createWorkspaceWithKey(api.prisma, "crash-test");
  const { runId } = await startRun(api.store, workspace.id, {
    slug: "profile_audit",
    handle: "fitwithtom",
    targetType: "creator",
  });
  await waitFor(async () => {
    const state = await api.store.load(runId, { traces: false });
    return state?.steps.account_health?.status === "running" ? true : undefined;
  }, "the first step to be running");

  await doomed.kill("SIGKILL");
  const killedAt = Date.now();
  workers.push(await spawnWorker(db.url, { ...QUEUE_ENV, MOCK_LLM_LATENCY_MS: "0" }));

  const state = await waitFor(
    async () => {
      const s = await api.store.load(runId, { traces: false });
      return s && FINISHED_RUN_STATUSES.includes(s.status) ? s : undefined;
    },
    "the run to finish after the crash",
    30_000,
  );
  const recoveryMs = Date.now() - killedAt;

  expect(state.status).toBe("succeeded");
  expect(state.steps.account_health?.attempts).toBe(2);
  const events = await api.store.events(runId);
  for (const key of Object.keys(state.steps))
    expect(
      events.filter((e) => e.type === "step_succeeded" && e.stepKey === key),
      key,
    ).toHaveLength(1);
  expect(
    events
      .filter((e) => e.type === "step_started" && e.stepKey === "account_health")
      .map((e) => "attempt" in e && e.attempt),
  ).toEqual([1, 2]);
  // Only the surviving attempt left a trace.
  const attempts = await api.prisma.traceEntry.findMany({
    where: { stepRun: { runId, stepKey: "account_health" } },
    select: { attempt: true },
    distinct: ["attempt"],
  });
  expect(attempts).toEqual([{ attempt: 2 }]);
  expect(recoveryMs).toBeLessThan(15_000);
});
