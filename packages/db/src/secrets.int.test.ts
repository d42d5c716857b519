import {
  createMockLlm,
  FINISHED_RUN_STATUSES,
  type LlmPort,
  LlmRequestError,
  LlmRequestRefusedError,
  llmConfigFromEnv,
  SYNTHESIS_NODE,
} from "@tiktok-army/core";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { engineEnv, engineOptionsFor } from "./config.ts";
import { type Engine, startEngine } from "./engine.ts";
import { startRun } from "./runs.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { waitFor } from "./testing/wait.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

const API_KEY = "sk-ant-api03-planted-in-an-upstream-error";
const DB_PASSWORD = "pg-Pa55word-planted";

// What the model does: the trend watcher's first call fails (retriably) quoting the API key; the
// report is refused quoting a connection string, or written quoting the key back.
let report: "refused" | "quotes the key" = "refused";
let trendCalls = 0;

function leakyLlm(): LlmPort {
  const mock = createMockLlm();
  return {
    ...mock,
    structured: (request) => {
      if (request.agent === "trend_watcher" && trendCalls++ === 0)
        return Promise.reject(new LlmRequestError(`529 overloaded; x-api-key ${API_KEY}`, 529));
      return mock.structured(request);
    },
    text: async (request) => {
      if (request.agent !== SYNTHESIS_NODE) return mock.text(request);
      if (report === "refused")
        throw new LlmRequestRefusedError(
          `401 from proxy: postgresql://app:${DB_PASSWORD}@db.internal/app rejected key ${API_KEY}`,
          401,
        );
      const reply = await mock.text(request);
      return { ...reply, value: `${reply.value}\n\nDebug: key=${API_KEY}`, raw: `key=${API_KEY}` };
    },
  };
}

let db: TestDatabase;
let engine: Engine;

beforeAll(async () => {
  db = await createTestDatabase();
  // The settings name a database whose password is planted; the engine connects to the test
  // database itself (trust auth or the embedded server's own password), so the planted one is only
  // known as a secret, as it would be in production.
  const configuredUrl = new URL(db.url);
  configuredUrl.username ||= "postgres";
  configuredUrl.password = DB_PASSWORD;
  const configured = engineOptionsFor(
    engineEnv({ DATABASE_URL: configuredUrl.toString() }),
    llmConfigFromEnv({ ANTHROPIC_API_KEY: API_KEY }),
  );
  engine = await startEngine({
    connectionString: db.url,
    ...configured,
    llm: leakyLlm(),
    concurrency: 2,
    retry: { maxAttempts: 2, backoffMs: 0 },
  });
});

afterAll(async () => {
  await engine?.stop();
  await db?.drop();
});

async function runToEnd(workspaceId: string) {
  const { runId } = await startRun(engine.store, workspaceId, {
    slug: "profile_audit",
    handle: "lakucosmetics",
    targetType: "brand",
  });
  await waitFor(async () => {
    const run = await engine.store.load(runId, { traces: false });
    return run && FINISHED_RUN_STATUSES.includes(run.status) ? run : undefined;
  }, "the run to end");
  return runId;
}

/**
 * The tables whose rows of the run (as PostgreSQL's own JSON text: what a reader of the database
 * would see) contain a secret; the step jobs' rows too.
 */
async function tablesLeaking(runId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const rows = async (sql: string) =>
      (await client.query<{ row: string }>(sql, [runId])).rows.map((r) => r.row);
    const tables = {
      workflow_runs: await rows("SELECT row_to_json(r)::text AS row FROM workflow_runs r WHERE id = $1"),
      step_runs: await rows("SELECT row_to_json(s)::text AS row FROM step_runs s WHERE run_id = $1"),
      trace_entries: await rows(
        `SELECT row_to_json(t)::text AS row FROM trace_entries t
         JOIN step_runs s ON s.id = t.step_run_id WHERE s.run_id = $1`,
      ),
      run_events: await rows("SELECT row_to_json(e)::text AS row FROM run_events e WHERE run_id = $1"),
      "pgboss.job": await rows(
        "SELECT row_to_json(j)::text AS row FROM pgboss.job j WHERE data->>'runId' = $1",
      ),
    };
    expect(tables.trace_entries.length).toBeGreaterThan(0);
    return Object.entries(tables)
      .filter(([, texts]) => texts.some((text) => text.includes(API_KEY) || text.includes(DB_PASSWORD)))
      .map(([table]) => table);
  } finally {
    await client.end();
  }
}

it("stores no configured secret an upstream error quotes: step errors, traces, events and the run's error say [redacted]", async () => {
  const { workspace } = await createWorkspaceWithKey(engine.prisma, "secrets");
  report = "refused";
  const runId = await runToEnd(workspace.id);

  expect(await tablesLeaking(runId)).toEqual([]);

  const state = await engine.store.load(runId);
  expect(state?.status).toBe("failed");
  expect(state?.error).toBe(
    `step "report" failed: 401 from proxy: postgresql://app:[redacted]@db.internal/app rejected key [redacted]`,
  );
  expect(state?.steps.report?.error).toContain("rejected key [redacted]");
  // The trend watcher's failed first attempt: its trace entry and its event.
  expect(state?.steps.trends?.trace).toContainEqual(
    expect.objectContaining({ kind: "llm_call", attempt: 1, error: "529 overloaded; x-api-key [redacted]" }),
  );
  const events = await engine.store.events(runId);
  expect(events).toContainEqual(
    expect.objectContaining({
      type: "step_failed",
      stepKey: "trends",
      retrying: true,
      error: expect.stringContaining("[redacted]"),
    }),
  );
  expect(events).toContainEqual(
    expect.objectContaining({ type: "run_failed", error: expect.stringContaining("[redacted]") }),
  );
});

it("redacts a secret the model's reply quotes from the report and the trace", async () => {
  const { workspace } = await createWorkspaceWithKey(engine.prisma, "secrets-in-replies");
  report = "quotes the key";
  const runId = await runToEnd(workspace.id);

  expect(await tablesLeaking(runId)).toEqual([]);
  const state = await engine.store.load(runId);
  expect(state?.status).toBe("succeeded");
  expect(state?.report).toContain("Debug: key=[redacted]");
  expect(state?.steps.report?.trace).toContainEqual(
    expect.objectContaining({ kind: "llm_call", response: "key=[redacted]" }),
  );
});
