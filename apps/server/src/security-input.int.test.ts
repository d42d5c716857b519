import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { injectionPayloads, markerPlaces } from "@tiktok-army/core/testing";
import { createLogger } from "@tiktok-army/db/logger";
import { createTestDatabase } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";

// Hostile input replayed against the real server over HTTP: bytes PostgreSQL refuses, deep JSON,
// oversized edits, inherited property names as keys, and prompt injection through a brief's notes.

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let server: RunningServer;

interface Answer {
  status: number;
  data?: unknown;
  error?: { message: string; data: { code: string; field?: string; fieldErrors: Record<string, string[]> } };
}

/** A mutation as any HTTP client sends it: the body is sent as given, so it can be JSON no client would build. */
async function mutate(procedure: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${server.url}/trpc/${procedure}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.localApiKey}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answer(res);
}

async function query(procedure: string, input?: unknown): Promise<Answer> {
  const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${server.url}/trpc/${procedure}${search}`, {
    headers: { authorization: `Bearer ${server.localApiKey}` },
  });
  return answer(res);
}

async function answer(res: Response): Promise<Answer> {
  const body = (await res.json()) as { result?: { data: unknown }; error?: Answer["error"] };
  return { status: res.status, data: body.result?.data, error: body.error };
}

/** Polls the run until its status is one of `statuses`. */
async function runReaching(runId: string, statuses: string[]) {
  for (let i = 0; i < 300; i++) {
    const run = (await query("runs.get", { runId })).data as { status: string; allowedLinkHosts: string[] };
    if (statuses.includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} never reached ${statuses.join(" or ")}`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "tta-security-input-"));
  const config = serverConfigFromEnv({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    PORT: "0",
    WORKER_CONCURRENCY: "2",
  });
  server = await startServer(
    { ...config, webDist: path.join(dataDir, "no-dashboard") },
    { logger: createLogger({ level: "silent" }) },
  );
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("bytes PostgreSQL refuses and deep JSON", () => {
  it.each([
    ["NUL in a brief's notes", "briefs.create", { notes: "a\u0000b" }, "notes"],
    ["a lone surrogate in a brief's notes", "briefs.create", { notes: "a\uD800b" }, "notes"],
    ["a lone surrogate in a params key", "briefs.create", { params: { "x\uDC00": 1 } }, "params.x\uFFFD"],
    ["NUL in an edited value", "approvals.decide", { editedValue: ["ok", "\u0000"] }, "editedValue.1"],
    ["NUL in a comment", "approvals.decide", { comment: "fine\u0000" }, "comment"],
  ])("answers 400 naming the field to %s", async (_, procedure, fields, field) => {
    const base =
      procedure === "briefs.create"
        ? { handle: "lakucosmetics", targetType: "brand", outcome: "profile_audit" }
        : { approvalId: "any", decision: "approve" };
    const { status, error } = await mutate(procedure, { ...base, ...fields });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual([field]);
  });

  it("answers 400 naming the field to 10000 nested arrays, not a stack overflow", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const { status, error } = await mutate(
      "approvals.decide",
      `{"approvalId":"any","decision":"approve","editedValue":${deep}}`,
    );
    expect(status).toBe(400);
    expect(error?.data.field).toMatch(/^editedValue\.0\.0/);
    expect(error?.message).toContain("must not nest deeper than 32 levels");
    expect(error?.message).not.toMatch(/call stack/i);
  });

  it("stored none of them", async () => {
    expect((await query("briefs.list")).data).toEqual([]);
  });
});

describe("edits and keys", () => {
  it("refuses an edit of 40 hashtags in an ad group at the gate, and answers NOT_FOUND to step constructor", async () => {
    const started = await mutate("workflows.run", {
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const { runId } = started.data as { runId: string };
    await runReaching(runId, ["waiting_approval"]);
    const [approval] = (await query("approvals.list", { status: "pending" })).data as {
      id: string;
      value: { ad_groups: { hashtags: string[] }[] };
    }[];
    const proposed = approval?.value;
    const editedValue = proposed && {
      ...proposed,
      ad_groups: proposed.ad_groups.map((g) => ({
        ...g,
        hashtags: Array.from({ length: 40 }, (_, i) => `tag${i}`),
      })),
    };
    const edit = await mutate("approvals.decide", {
      approvalId: approval?.id,
      decision: "approve",
      editedValue,
    });
    expect(edit.status).toBe(400);
    expect(edit.error?.data.field).toBe("editedValue.ad_groups.0.hashtags");
    expect(edit.error?.message).toContain("at most 30 hashtags");
    expect(((await query("approvals.list", { status: "pending" })).data as unknown[]).length).toBe(1);

    for (const procedure of ["runs.retryStep", "runs.step"]) {
      const send = procedure === "runs.step" ? query : mutate;
      const { status, error } = await send(procedure, { runId, stepKey: "constructor" });
      expect(status, procedure).toBe(404);
      expect(error?.data.code, procedure).toBe("NOT_FOUND");
    }
  });
});

describe("prompt injection through a brief's notes", () => {
  it("keeps every payload of the corpus inside the notes block of the recorded report prompt", async () => {
    const payloads = injectionPayloads();
    const notes = payloads.map((p) => p.text).join("\n");
    const started = await mutate("workflows.run", {
      slug: "profile_audit",
      handle: "lakucosmetics",
      targetType: "brand",
      notes,
    });
    const { runId } = started.data as { runId: string };
    const run = await runReaching(runId, ["succeeded", "failed"]);
    expect(run.status).toBe("succeeded");
    // A link in the notes adds no host the report may link to.
    expect(run.allowedLinkHosts).toEqual([]);
    const report = (await query("runs.step", { runId, stepKey: "report" })).data as {
      trace: { kind: string; prompt?: string }[];
    };
    const prompt = report.trace.find((t) => t.kind === "llm_call")?.prompt ?? "";
    expect(prompt).toContain("<brief_notes>");
    for (const payload of payloads)
      expect(markerPlaces(prompt, payload.marker), payload.name).toEqual(["brief_notes"]);
  });
});
