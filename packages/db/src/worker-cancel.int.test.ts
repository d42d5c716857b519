import { performance } from "node:perf_hooks";
import {
  createMockLlm,
  createOfflineAds,
  createOfflineProvider,
  fixedData,
  type LlmPort,
} from "@tiktok-army/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, startEngine } from "./engine.ts";
import { cancelRun, startRun } from "./runs.ts";
import { createTestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { type RunningWorkers, startWorkers } from "./worker.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

/** A model call in flight: it answers only by failing once its signal aborts. */
interface HeldCall {
  agent: string;
  abortedAt?: number;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let api: Engine;
let workers: RunningWorkers;
let workspaceId: string;
const calls: HeldCall[] = [];
const logs: Record<string, unknown>[] = [];

// Every model call waits on its signal: a step ends only when something aborts it.
function heldLlm(): LlmPort {
  const hold = (request: { agent: string; signal?: AbortSignal }) => {
    const call: HeldCall = { agent: request.agent };
    calls.push(call);
    return new Promise<never>((_, reject) => {
      request.signal?.addEventListener(
        "abort",
        () => {
          call.abortedAt = performance.now();
          reject(request.signal?.reason);
        },
        { once: true },
      );
    });
  };
  return { ...createMockLlm(), text: hold, structured: hold };
}

beforeAll(async () => {
  db = await createTestDatabase();
  // The cancel comes from an API-like engine with no workers of its own.
  api = await startEngine({ connectionString: db.url, llm: createMockLlm(), concurrency: 0 });
  workers = await startWorkers({
    boss: api.boss,
    store: api.store,
    connectionString: db.url,
    concurrency: 1,
    // Far beyond the test's wait: only the cancel notification can abort the attempt in time.
    supersededCheckMs: 60_000,
    deps: {
      llm: heldLlm(),
      dataFor: fixedData(createOfflineProvider()),
      adsFor: createOfflineAds(),
      registry: api.registry,
      now: () => new Date(),
    },
    log: (entry) => logs.push(entry),
  });
  workspaceId = (await createWorkspaceWithKey(api.prisma, "cancel-notify")).workspace.id;
});

afterAll(async () => {
  await workers?.stop();
  await api?.stop();
  await db?.drop();
});

describe("cancelling a run while its agent waits on the model", () => {
  it("aborts the agent's model call through its signal, long before the superseded poll would", async () => {
    const { runId } = await startRun(api.store, workspaceId, {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const call = await waitFor(
      async () => calls.find((c) => c.agent === "account_health"),
      "the account health agent to call the model",
    );

    const cancelling = performance.now();
    await cancelRun(api.store, workspaceId, runId);
    const cancelled = performance.now();
    const abortedAt = await waitFor(
      async () => call.abortedAt,
      "the agent's signal to abort (the poll would take 60 s)",
      10_000,
    );
    console.info(
      `cancel → agent signal aborted: ${(abortedAt - cancelling).toFixed(1)} ms, ` +
        `of which the cancel call took ${(cancelled - cancelling).toFixed(1)} ms`,
    );

    // The aborted attempt's late failure is refused: the run stays cancelled, the step skipped.
    await waitFor(
      async () => logs.find((l) => l.runId === runId && l.msg === "dropped a stale attempt"),
      "the aborted attempt to end",
    );
    const state = await api.store.load(runId, { traces: false });
    expect(state?.status).toBe("cancelled");
    expect(state?.steps.account_health).toMatchObject({
      status: "skipped",
      error: "cancelled while running",
    });
    expect(Object.values(state?.steps ?? {}).filter((s) => s.status === "running")).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("still aborts the call when the cancel came while the worker's listener was cut off", async () => {
    const { runId } = await startRun(api.store, workspaceId, {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const seen = calls.length;
    const call = await waitFor(async () => calls[seen], "the account health agent to call the model");
    // The server drops the worker's LISTEN connection; the cancel's notification then reaches no one.
    const cut = await api.prisma.$queryRaw<{ pid: number }[]>`
      SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
      WHERE datname = current_database() AND query LIKE 'LISTEN%'`;
    expect(cut).toHaveLength(1);
    await cancelRun(api.store, workspaceId, runId);
    // Back on its channels, the worker looks for cancels it missed; the 60 s poll is too late for this wait.
    await waitFor(
      async () => call.abortedAt,
      "the agent's signal to abort after the listener is back",
      10_000,
    );
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: "worker listener lost; polling until it is back" }),
    );
    const state = await api.store.load(runId, { traces: false });
    expect(state?.status).toBe("cancelled");
  });
});
