// Security regressions for secrets and API keys, replayed against the real server over HTTP: a
// secret quoted by an upstream error never comes back (stored, served or logged), a revoked key is
// refused at once, and another workspace's key cannot be touched.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AnthropicStub, errorReply, startAnthropicStub } from "@tiktok-army/core/testing";
import {
  createPrismaClient,
  createWorkspaceWithKey,
  engineOptionsFor,
  type PrismaClient,
} from "@tiktok-army/db";
import { captureLogs, createTestDatabase, type TestDatabase, waitFor } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";

const API_KEY = "sk-ant-api03-planted-by-the-security-suite";
const DB_PASSWORD = "pg-Pa55word-of-the-security-suite";
const SECRETS = [API_KEY, DB_PASSWORD];

let db: TestDatabase;
let databaseUrl: string;
let prisma: PrismaClient;
let stub: AnthropicStub;
let folder: string;
let server: RunningServer;
const logs = { current: captureLogs() };

// A role of its own whose password is the planted one, so the server connects with it whether the
// test server checks passwords (the embedded one) or trusts local connections.
const ROLE = `tta_secrets_${process.pid}_${Date.now()}`;

async function asAdmin(database: string, sql: string) {
  const url = new URL(db.url);
  url.pathname = `/${database}`;
  const admin = createPrismaClient(url.toString());
  try {
    await admin.$executeRawUnsafe(sql);
  } finally {
    await admin.$disconnect();
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await asAdmin(
    new URL(db.url).pathname.slice(1),
    `CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${DB_PASSWORD}'`,
  );
  const url = new URL(db.url);
  url.username = ROLE;
  url.password = DB_PASSWORD;
  databaseUrl = url.toString();
  prisma = createPrismaClient(databaseUrl);
  // The model's API refuses every call, quoting the key it was sent and a connection string.
  stub = await startAnthropicStub(() =>
    errorReply(401, `invalid x-api-key ${API_KEY} (proxy: postgresql://app:${DB_PASSWORD}@db.internal/app)`),
  );
  folder = await mkdtemp(path.join(tmpdir(), "tta-security-keys-"));
  const config = serverConfigFromEnv({
    DATABASE_URL: databaseUrl,
    DATA_DIR: folder,
    PORT: "0",
    WORKER_CONCURRENCY: "1",
    CLAUDE_MODE: "real",
    ANTHROPIC_API_KEY: API_KEY,
    ANTHROPIC_BASE_URL: stub.url,
  });
  // The logger the server would make itself from this configuration, writing to memory.
  logs.current = captureLogs({ secrets: engineOptionsFor(config.engine, config.llm).secrets });
  server = await startServer(
    { ...config, webDist: path.join(folder, "no-dashboard") },
    { logger: logs.current.logger },
  );
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await prisma?.$disconnect();
  await db?.drop();
  await asAdmin("postgres", `DROP ROLE IF EXISTS ${ROLE}`);
  await rm(folder, { recursive: true, force: true });
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function query(key: string, procedure: string, input?: unknown) {
  const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${server.url}/trpc/${procedure}${search}`, { headers: bearer(key) });
  return { status: res.status, text: await res.text() };
}

async function mutate(key: string, procedure: string, input: unknown) {
  const res = await fetch(`${server.url}/trpc/${procedure}`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return { status: res.status, text: await res.text() };
}

const data = <T>(answer: { text: string }) =>
  (JSON.parse(answer.text) as { result: { data: T } }).result.data;

/** The run's event stream (SSE) from the start, up to its `until` event. */
async function eventStream(key: string, runId: string, until: string): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ runId }));
  const res = await fetch(`${server.url}/trpc/runs.events?input=${input}`, {
    headers: { ...bearer(key), accept: "text/event-stream" },
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!text.includes(until)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  await reader.cancel();
  return text;
}

/** The tables a run writes whose rows (as PostgreSQL's own text of them) hold a secret. */
async function tablesHoldingASecret(): Promise<string[]> {
  const leaking: string[] = [];
  const tables = ["workflow_runs", "step_runs", "trace_entries", "run_events", "approvals", "pgboss.job"];
  for (const table of tables) {
    const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM ${table} t`);
    if (rows.some(({ row }) => SECRETS.some((secret) => row.includes(secret)))) leaking.push(table);
  }
  return leaking;
}

describe("a secret quoted by an upstream error", () => {
  it("is stored, served and logged as [redacted]: step error, trace, events, runs.list, runs.step", async () => {
    const key = server.localApiKey;
    const { runId } = data<{ runId: string }>(
      await mutate(key, "workflows.run", {
        slug: "profile_audit",
        handle: "lakucosmetics",
        targetType: "brand",
      }),
    );
    const failed = await waitFor(async () => {
      const run = data<{ status: string; steps: { key: string; status: string }[] }>(
        await query(key, "runs.get", { runId }),
      );
      return run.status === "failed" ? run : undefined;
    }, "the run to fail");
    expect(stub.requests.length).toBeGreaterThan(0);
    const failedStep = failed.steps.find((step) => step.status === "failed")?.key as string;

    const answers = {
      list: await query(key, "runs.list"),
      get: await query(key, "runs.get", { runId }),
      step: await query(key, "runs.step", { runId, stepKey: failedStep }),
      events: { text: await eventStream(key, runId, "run_failed") },
    };
    for (const [name, answer] of Object.entries(answers)) {
      for (const secret of SECRETS) expect(answer.text, name).not.toContain(secret);
      expect(answer.text, name).toContain("[redacted]");
    }
    const step = data<{ error: string; trace: { kind: string; error?: string }[] }>(answers.step);
    expect(step.error).toBe(
      "Anthropic API answered 401: invalid x-api-key [redacted] (proxy: postgresql://app:[redacted]@db.internal/app)",
    );
    expect(step.trace).toContainEqual(expect.objectContaining({ kind: "llm_call", error: step.error }));
    const listed = data<{ items: { id: string; error: string }[] }>(answers.list).items.find(
      (r) => r.id === runId,
    );
    expect(listed?.error).toContain("[redacted]");

    expect(await tablesHoldingASecret()).toEqual([]);
    for (const secret of SECRETS) expect(logs.current.text()).not.toContain(secret);
  });
});

describe("API keys", () => {
  it("records the key's last use and lists the workspace's keys with prefixes, never the keys", async () => {
    const answer = await query(server.localApiKey, "keys.list");
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(server.localApiKey);
    const keys = data<{ prefix: string; current: boolean; lastUsedAt: string | null }[]>(answer);
    expect(keys).toContainEqual(
      expect.objectContaining({ prefix: server.localApiKey.slice(0, 10), current: true }),
    );
    await waitFor(async () => {
      const listed = data<{ current: boolean; lastUsedAt: string | null }[]>(
        await query(server.localApiKey, "keys.list"),
      );
      return listed.find((k) => k.current)?.lastUsedAt ?? undefined;
    }, "the key's last use");
  });

  it("answers 401 to a revoked key from its very next request", async () => {
    const laptop = await createWorkspaceWithKey(prisma, "local", "laptop");
    expect((await query(laptop.apiKey, "agents.list")).status).toBe(200);
    const keys = data<{ id: string; name: string }[]>(await query(server.localApiKey, "keys.list"));
    const keyId = keys.find((k) => k.name === "laptop")?.id;

    expect((await mutate(server.localApiKey, "keys.revoke", { keyId })).status).toBe(200);
    expect((await query(laptop.apiKey, "agents.list")).status).toBe(401);
    expect((await query(laptop.apiKey, "runs.list")).status).toBe(401);
    expect((await mutate(laptop.apiKey, "keys.revoke", { keyId })).status).toBe(401);
  });

  it("answers NOT_FOUND to another workspace's key id, which keeps working; a key cannot revoke itself", async () => {
    const intruder = await createWorkspaceWithKey(prisma, "intruder");
    const keys = data<{ id: string; current: boolean }[]>(await query(server.localApiKey, "keys.list"));
    const localKeyId = keys.find((k) => k.current)?.id;

    const attempt = await mutate(intruder.apiKey, "keys.revoke", { keyId: localKeyId });
    expect(attempt.status).toBe(404);
    expect(attempt.text).toContain("NOT_FOUND");
    expect(data<unknown[]>(await query(intruder.apiKey, "keys.list"))).toHaveLength(1);
    expect((await query(server.localApiKey, "agents.list")).status).toBe(200);

    const self = await mutate(server.localApiKey, "keys.revoke", { keyId: localKeyId });
    expect(self.status).toBe(400);
    expect((await query(server.localApiKey, "agents.list")).status).toBe(200);
  });
});
