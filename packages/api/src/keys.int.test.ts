import { createWorkspaceWithKey } from "@tiktok-army/db";
import { waitFor } from "@tiktok-army/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "./testing.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;

beforeAll(async () => {
  api = await startTestApi();
  // Counts every write to api_keys: "no write" is observed, not inferred from timestamps.
  await api.engine.prisma.$executeRawUnsafe(`
    CREATE TABLE key_writes (n int NOT NULL);
    INSERT INTO key_writes VALUES (0);
    CREATE FUNCTION count_key_write() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN UPDATE key_writes SET n = n + 1; RETURN NEW; END $$;
    CREATE TRIGGER count_key_writes AFTER UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION count_key_write();
  `);
});

afterAll(async () => {
  await api?.stop();
});

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

const writes = async () =>
  Number((await api.engine.prisma.$queryRaw<{ n: number }[]>`SELECT n FROM key_writes`)[0]?.n);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("keys.list", () => {
  it("lists the workspace's keys with prefix, name, times and which one is calling, never a key", async () => {
    const first = await api.workspace("listing");
    const second = await createWorkspaceWithKey(api.engine.prisma, "listing", "laptop");
    await api.workspace("not-listed");

    const keys = await (await api.caller(second.apiKey)).keys.list();
    expect(keys).toEqual([
      {
        id: expect.any(String),
        prefix: second.apiKey.slice(0, 10),
        name: "laptop",
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        revokedAt: null,
        current: true,
      },
      expect.objectContaining({ prefix: first.apiKey.slice(0, 10), name: "default", current: false }),
    ]);
    expect(JSON.stringify(keys)).not.toContain(first.apiKey.slice(10));
  });
});

describe("last use", () => {
  it("is recorded on authentication, once a minute at most: two requests within a minute write once", async () => {
    const { apiKey } = await api.workspace("last-use");
    const lastUsed = async () =>
      (await api.engine.prisma.apiKey.findFirstOrThrow({ where: { prefix: apiKey.slice(0, 10) } }))
        .lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = await writes();

    await (await api.caller(apiKey)).agents.list();
    const first = await waitFor(async () => (await lastUsed()) ?? undefined, "the first use to be recorded");
    await (await api.caller(apiKey)).agents.list();
    await sleep(300); // time for a write that should not come
    expect(await writes()).toBe(before + 1);
    expect(await lastUsed()).toEqual(first);

    // A minute later (the last use set back by hand: one more write), the next request records it.
    const longAgo = new Date(Date.now() - 120_000);
    await api.engine.prisma.apiKey.updateMany({
      where: { prefix: apiKey.slice(0, 10) },
      data: { lastUsedAt: longAgo },
    });
    await (await api.caller(apiKey)).agents.list();
    await waitFor(
      async () => ((await lastUsed())?.getTime() ?? 0) > longAgo.getTime() || undefined,
      "a new use",
    );
    expect(await writes()).toBe(before + 3);
  });
});

describe("keys.revoke", () => {
  it("revokes another key of the workspace: it answers UNAUTHORIZED from its next request on", async () => {
    const admin = await api.workspace("revoking");
    const laptop = await createWorkspaceWithKey(api.engine.prisma, "revoking", "laptop");
    const caller = await api.caller(admin.apiKey);
    const laptopKey = (await caller.keys.list()).find((k) => k.name === "laptop");
    expect(await codeOf((await api.caller(laptop.apiKey)).agents.list())).toBe("OK");

    const revoked = await caller.keys.revoke({ keyId: laptopKey?.id as string });
    expect(revoked).toMatchObject({ id: laptopKey?.id, revokedAt: expect.any(String), current: false });
    expect(await codeOf((await api.caller(laptop.apiKey)).agents.list())).toBe("UNAUTHORIZED");
    expect(await codeOf((await api.caller(laptop.apiKey)).keys.list())).toBe("UNAUTHORIZED");
    // Again: nothing changes.
    expect(await caller.keys.revoke({ keyId: laptopKey?.id as string })).toEqual(revoked);
    expect(await caller.keys.list()).toContainEqual(revoked);
  });

  it("answers NOT_FOUND for another workspace's key (which keeps working), BAD_REQUEST for itself and for a non-id", async () => {
    const owner = await api.workspace("owner");
    const intruder = await api.caller((await api.workspace("intruder")).apiKey);
    const [ownerKey] = await (await api.caller(owner.apiKey)).keys.list();

    expect(await codeOf(intruder.keys.revoke({ keyId: ownerKey?.id as string }))).toBe("NOT_FOUND");
    expect(await codeOf((await api.caller(owner.apiKey)).agents.list())).toBe("OK");
    expect(await codeOf(intruder.keys.revoke({ keyId: owner.apiKey.slice(0, 10) }))).toBe("BAD_REQUEST");

    const self = await (await api.caller(owner.apiKey)).keys.revoke({ keyId: ownerKey?.id as string }).then(
      () => undefined,
      (error: unknown) => error as TRPCError,
    );
    expect(self?.code).toBe("BAD_REQUEST");
    expect(self?.message).toBe(
      "keyId: a key cannot revoke itself: revoke it with another key, or from the CLI",
    );
    expect(await codeOf((await api.caller(owner.apiKey)).agents.list())).toBe("OK");
  });

  it("answers UNAUTHORIZED without a key", async () => {
    const anonymous = await api.caller(undefined);
    expect(await codeOf(anonymous.keys.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.keys.revoke({ keyId: crypto.randomUUID() }))).toBe("UNAUTHORIZED");
  });

  it("ends a revoked key's open event stream at its next event", async () => {
    const admin = await api.workspace("streams");
    const watcher = await createWorkspaceWithKey(api.engine.prisma, "streams", "watcher");
    const caller = await api.caller(admin.apiKey);
    const { runId } = await caller.workflows.run({
      slug: "campaign_launch",
      handle: "lakucosmetics",
      targetType: "brand",
    });
    const approval = await waitFor(
      async () => (await caller.approvals.list({ status: "pending" })).find((a) => a.runId === runId),
      "the run's approval",
    );
    const stream = (await (await api.caller(watcher.apiKey)).runs.events({ runId }))[Symbol.asyncIterator]();
    // The backlog, up to the wait for the approval.
    for (;;) {
      const { value } = await stream.next();
      // A tracked event: [id, event, marker].
      if ((value as unknown as [string, { type: string }])[1].type === "run_waiting_approval") break;
    }
    const watcherKey = (await caller.keys.list()).find((k) => k.name === "watcher");
    await caller.keys.revoke({ keyId: watcherKey?.id as string });
    await caller.approvals.decide({ approvalId: approval.id, decision: "reject", comment: "not now" });
    expect(await codeOf(stream.next())).toBe("UNAUTHORIZED");
  });
});
