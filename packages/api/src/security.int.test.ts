import { waitFor } from "@tiktok-army/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { startTestApi } from "./testing.ts";
import { createCallerFactory, createTRPCContext } from "./trpc.ts";

const createCaller = createCallerFactory(appRouter);

let api: Awaited<ReturnType<typeof startTestApi>>;
let owner: Awaited<ReturnType<Awaited<ReturnType<typeof startTestApi>>["caller"]>>;
let intruder: typeof owner;
const ids = { runId: "", failedRunId: "", approvalId: "", briefId: "" };

async function snapshot() {
  const p = api.engine.prisma;
  const [runs, steps, events, approvals, briefs, workflows] = await Promise.all([
    p.workflowRun.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    p.stepRun.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, attempts: true } }),
    p.runEvent.count(),
    p.approval.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
    p.brief.count(),
    p.workflow.count(),
  ]);
  return { runs, steps, events, approvals, briefs, workflows };
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

beforeAll(async () => {
  api = await startTestApi();
  owner = await api.caller((await api.workspace("owner")).apiKey);
  intruder = await api.caller((await api.workspace("intruder")).apiKey);
  const brief = await owner.briefs.create({
    handle: "lakucosmetics",
    targetType: "brand",
    outcome: "campaign_launch",
  });
  ids.briefId = brief.id;
  ids.runId = (await owner.workflows.run({ slug: "campaign_launch", briefId: brief.id })).runId;
  ids.approvalId = await waitFor(async () => {
    const approvals = await owner.approvals.list({ status: "pending" });
    return approvals[0]?.id;
  }, "the approval");
});

afterAll(async () => {
  await api?.stop();
});

describe("authentication", () => {
  it("answers UNAUTHORIZED without a key and with a wrong one", async () => {
    const badCookie = await createCaller(
      await createTRPCContext({ deps: api.deps, cookie: "tta_key=%E0%A4%A" }),
    );
    expect(await codeOf(badCookie.workflows.list())).toBe("UNAUTHORIZED");
    for (const key of [undefined, "tta_not-a-real-key"]) {
      const anonymous = await api.caller(key);
      expect(await codeOf(anonymous.workflows.list())).toBe("UNAUTHORIZED");
      expect(await codeOf(anonymous.runs.get({ runId: ids.runId }))).toBe("UNAUTHORIZED");
      expect(
        await codeOf(anonymous.approvals.decide({ approvalId: ids.approvalId, decision: "approve" })),
      ).toBe("UNAUTHORIZED");
    }
  });
});

describe("workspace isolation", () => {
  it("answers NOT_FOUND to every procedure given another workspace's ids, and changes nothing", async () => {
    const before = await snapshot();
    const { runId, approvalId, briefId } = ids;
    const attempts: [string, () => Promise<unknown>][] = [
      ["runs.get", () => intruder.runs.get({ runId })],
      ["runs.step", () => intruder.runs.step({ runId, stepKey: "account_health" })],
      ["runs.retryStep", () => intruder.runs.retryStep({ runId, stepKey: "account_health" })],
      ["runs.cancel", () => intruder.runs.cancel({ runId })],
      ["approvals.decide", () => intruder.approvals.decide({ approvalId, decision: "approve" })],
      ["workflows.run", () => intruder.workflows.run({ slug: "campaign_launch", briefId })],
    ];
    attempts.push(["runs.list with a foreign cursor", () => intruder.runs.list({ cursor: runId })]);
    for (const [name, call] of attempts) expect(await codeOf(call()), name).toBe("NOT_FOUND");
    const events = await intruder.runs.events({ runId });
    expect(await codeOf(events[Symbol.asyncIterator]().next()), "runs.events").toBe("NOT_FOUND");
    // Lists show nothing of the other workspace.
    expect(await intruder.runs.list()).toMatchObject({ items: [] });
    expect(await intruder.approvals.list({})).toEqual([]);
    expect(await intruder.briefs.list()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("keys named like Object's own properties", () => {
  it("are no step and no approval: NOT_FOUND, or BAD_REQUEST where the key cannot be a step key", async () => {
    const { runId } = ids;
    const before = await snapshot();
    for (const stepKey of ["constructor"]) {
      expect(await codeOf(owner.runs.retryStep({ runId, stepKey })), stepKey).toBe("NOT_FOUND");
      expect(await codeOf(owner.runs.step({ runId, stepKey })), stepKey).toBe("NOT_FOUND");
    }
    // Not lower_snake_case: refused before any lookup (the data layer answers not_found for them too).
    for (const stepKey of ["__proto__", "toString", "hasOwnProperty"]) {
      expect(await codeOf(owner.runs.retryStep({ runId, stepKey })), stepKey).toBe("BAD_REQUEST");
      expect(await codeOf(owner.runs.step({ runId, stepKey })), stepKey).toBe("BAD_REQUEST");
    }
    for (const approvalId of ["constructor", "__proto__", "toString"])
      expect(await codeOf(owner.approvals.decide({ approvalId, decision: "approve" })), approvalId).toBe(
        "NOT_FOUND",
      );
    expect(await snapshot()).toEqual(before);
  });
});

describe("input validation", () => {
  it("answers BAD_REQUEST naming the field for malformed and oversized inputs", async () => {
    // Values the input types refuse already (`as never`): callers without those types send them too.
    const cases: [string, () => Promise<unknown>, string][] = [
      ["bad run id", () => owner.runs.get({ runId: "1; drop table" }), "runId"],
      [
        "huge event id",
        () => owner.runs.events({ runId: ids.runId, lastEventId: "99999999999999999999" }),
        "lastEventId",
      ],
      [
        "bad handle",
        () =>
          owner.workflows.run({ slug: "profile_audit", handle: "no spaces allowed", targetType: "brand" }),
        "handle",
      ],
      [
        "bad target",
        () =>
          owner.workflows.run({ slug: "profile_audit", handle: "ok_handle", targetType: "robot" as never }),
        "targetType",
      ],
      [
        "long notes",
        () =>
          owner.briefs.create({
            handle: "ok",
            targetType: "brand",
            outcome: "profile_audit",
            notes: "x".repeat(4001),
          }),
        "notes",
      ],
      [
        "bad outcome",
        () =>
          owner.briefs.create({
            handle: "ok_handle",
            targetType: "brand",
            outcome: "world_domination" as never,
          }),
        "outcome",
      ],
      [
        "huge edit",
        () =>
          owner.approvals.decide({
            approvalId: ids.approvalId,
            decision: "approve",
            editedValue: ["x".repeat(70_000)],
          }),
        "editedValue",
      ],
      [
        // Under the 64 KiB cap: the gated field's schema (at most 30 hashtags) refuses it.
        "5000 hashtags",
        () =>
          owner.approvals.decide({
            approvalId: ids.approvalId,
            decision: "approve",
            editedValue: Array.from({ length: 5000 }, (_, i) => `tag${i}`),
          }),
        "editedValue",
      ],
      [
        "wrong edit type",
        () =>
          owner.approvals.decide({
            approvalId: ids.approvalId,
            decision: "approve",
            editedValue: "not a list",
          }),
        "editedValue",
      ],
    ];
    for (const [name, call, field] of cases) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, name).toBe("BAD_REQUEST");
      expect((error as TRPCError).message, name).toContain(field);
    }
    // The rejected edit left the approval pending.
    expect((await owner.approvals.list({ status: "pending" })).map((a) => a.id)).toContain(ids.approvalId);
  });

  it("answers BAD_REQUEST naming the field to NUL bytes, lone surrogates and deep JSON anywhere, and writes nothing", async () => {
    const before = await snapshot();
    const deep = (depth: number) => {
      let value: unknown = "x";
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    };
    const brief = { handle: "ok_handle", targetType: "brand", outcome: "profile_audit" } as const;
    const adHoc = { slug: "competitor_scan", handle: "ok_handle", targetType: "brand" } as const;
    const { approvalId } = ids;
    const cases: [string, () => Promise<unknown>, string][] = [
      ["NUL in brief notes", () => owner.briefs.create({ ...brief, notes: "a\u0000b" }), "notes"],
      ["lone surrogate in brief notes", () => owner.briefs.create({ ...brief, notes: "a\uD800b" }), "notes"],
      ["NUL in a run's notes", () => owner.workflows.run({ ...adHoc, notes: "\u0000" }), "notes"],
      [
        "lone surrogate in params",
        () => owner.workflows.run({ ...adHoc, params: { competitors: ["ok", "\uDC00"] } }),
        "params.competitors.1",
      ],
      [
        "NUL in a params key",
        () => owner.briefs.create({ ...brief, params: { "a\u0000": 1 } }),
        "params.a\uFFFD",
      ],
      [
        "NUL in a comment",
        () => owner.approvals.decide({ approvalId, decision: "reject", comment: "no\u0000" }),
        "comment",
      ],
      [
        "lone surrogate inside an edited value",
        () => owner.approvals.decide({ approvalId, decision: "approve", editedValue: ["ok", "\uDBFF"] }),
        "editedValue.1",
      ],
      [
        "10000 nested arrays as an edited value",
        () => owner.approvals.decide({ approvalId, decision: "approve", editedValue: deep(10_000) as never }),
        "editedValue.0.0",
      ],
      [
        "deep params",
        () => owner.workflows.run({ ...adHoc, params: { x: deep(5_000) as never } }),
        "params.x",
      ],
    ];
    for (const [name, call, field] of cases) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, name).toBe("BAD_REQUEST");
      expect((error as TRPCError).message, name).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers CONFLICT to a second decision", async () => {
    await owner.approvals.decide({
      approvalId: ids.approvalId,
      decision: "reject",
      comment: "not this week",
    });
    expect(await codeOf(owner.approvals.decide({ approvalId: ids.approvalId, decision: "approve" }))).toBe(
      "CONFLICT",
    );
  });
});
