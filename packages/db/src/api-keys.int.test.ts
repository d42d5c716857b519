import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, hashApiKey, listApiKeys, revokeApiKey, touchApiKey } from "./api-keys.ts";
import { createPrismaClient, type PrismaClient } from "./client.ts";
import { DataError } from "./errors.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { createWorkspaceWithKey } from "./workspaces.ts";

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  // Counts every write to api_keys, so "no write" is observed rather than inferred from timestamps.
  await prisma.$executeRawUnsafe(`
    CREATE TABLE key_writes (n int NOT NULL);
    INSERT INTO key_writes VALUES (0);
    CREATE FUNCTION count_key_write() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN UPDATE key_writes SET n = n + 1; RETURN NEW; END $$;
    CREATE TRIGGER count_key_writes AFTER UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION count_key_write();
  `);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const writes = async () => (await prisma.$queryRaw<{ n: number }[]>`SELECT n FROM key_writes`)[0]?.n;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function errorOf(call: Promise<unknown>) {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("authentication", () => {
  it("knows a key by its hash, and refuses unknown and revoked keys", async () => {
    const { workspace, apiKey } = await createWorkspaceWithKey(prisma, "auth");
    expect(await authenticateApiKey(prisma, apiKey)).toMatchObject({
      prefix: apiKey.slice(0, 10),
      lastUsedAt: null,
      workspace: { id: workspace.id, name: "auth" },
    });
    expect(await authenticateApiKey(prisma, "tta_unknown")).toBeUndefined();
    await prisma.apiKey.update({ where: { hash: hashApiKey(apiKey) }, data: { revokedAt: new Date() } });
    expect(await authenticateApiKey(prisma, apiKey)).toBeUndefined();
  });
});

describe("last use", () => {
  it("is written at most once a minute per key, whatever the callers know and however many there are", async () => {
    const { apiKey } = await createWorkspaceWithKey(prisma, "last-use");
    const read = async () =>
      (await authenticateApiKey(prisma, apiKey)) as NonNullable<
        Awaited<ReturnType<typeof authenticateApiKey>>
      >;
    const before = await writes();

    const first = await read();
    expect(await touchApiKey(prisma, first)).toBe(true);
    // Within the minute: nothing sent when the caller read a recent use, nothing written when its
    // read is stale (another request wrote since).
    expect(await touchApiKey(prisma, await read())).toBe(false);
    expect(await touchApiKey(prisma, first)).toBe(false);
    expect(await writes()).toBe((before ?? 0) + 1);
    const used = (await read()).lastUsedAt;
    expect(used?.getTime()).toBeGreaterThan(Date.now() - 10_000);

    // A minute later (the last use set back), two requests at once: one of them writes.
    await prisma.apiKey.updateMany({
      where: { hash: hashApiKey(apiKey) },
      data: { lastUsedAt: minutesAgo(2) },
    });
    const stale = await read();
    const touched = await Promise.all([touchApiKey(prisma, stale), touchApiKey(prisma, stale)]);
    expect(touched.filter(Boolean)).toHaveLength(1);
    // The set-back above was a write too.
    expect(await writes()).toBe((before ?? 0) + 3);
    expect((await read()).lastUsedAt?.getTime()).toBeGreaterThan(minutesAgo(1).getTime());
  });
});

describe("listing and revoking", () => {
  it("lists a workspace's keys newest first with their prefix, never the key or its hash", async () => {
    const first = await createWorkspaceWithKey(prisma, "listed", "ci");
    const second = await createWorkspaceWithKey(prisma, "listed", "laptop");
    await createWorkspaceWithKey(prisma, "someone-else");

    const keys = await listApiKeys(prisma, first.workspace.id);
    expect(keys.map((k) => k.name)).toEqual(["laptop", "ci"]);
    expect(keys[0]).toEqual({
      id: expect.any(String),
      prefix: second.apiKey.slice(0, 10),
      name: "laptop",
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(keys)).not.toContain(first.apiKey.slice(10));
    expect(JSON.stringify(keys)).not.toContain(hashApiKey(first.apiKey));
  });

  it("revokes a key by id or prefix, once, and only in its own workspace", async () => {
    const { workspace, apiKey } = await createWorkspaceWithKey(prisma, "revoking");
    const other = await createWorkspaceWithKey(prisma, "revoking", "other");
    const foreign = await createWorkspaceWithKey(prisma, "foreign");
    const [otherKey, ownKey] = await listApiKeys(prisma, workspace.id);
    const [foreignKey] = await listApiKeys(prisma, foreign.workspace.id);

    const byPrefix = await revokeApiKey(prisma, workspace.id, other.apiKey.slice(0, 10));
    expect(byPrefix).toMatchObject({
      key: { id: otherKey?.id, revokedAt: expect.any(Date) },
      alreadyRevoked: false,
    });
    const again = await revokeApiKey(prisma, workspace.id, otherKey?.id as string);
    expect(again).toEqual({ key: byPrefix.key, alreadyRevoked: true });
    expect(await authenticateApiKey(prisma, other.apiKey)).toBeUndefined();

    // Another workspace's key, by id or by prefix, is not found and stays valid.
    for (const ref of [foreignKey?.id as string, foreign.apiKey.slice(0, 10), randomUUID()]) {
      const error = await errorOf(revokeApiKey(prisma, workspace.id, ref));
      expect(error).toBeInstanceOf(DataError);
      expect(error).toMatchObject({ code: "not_found", message: `No API key with id '${ref}'` });
    }
    expect(await authenticateApiKey(prisma, foreign.apiKey)).toBeDefined();

    // A key cannot revoke itself.
    expect(
      await errorOf(revokeApiKey(prisma, workspace.id, ownKey?.id as string, { by: ownKey?.id })),
    ).toMatchObject({
      code: "invalid_input",
      field: "keyId",
    });
    expect(await authenticateApiKey(prisma, apiKey)).toBeDefined();
  });

  it("refuses a prefix two keys share, asking for the id", async () => {
    const { workspace, apiKey } = await createWorkspaceWithKey(prisma, "shared-prefix");
    await prisma.apiKey.create({
      data: {
        id: randomUUID(),
        workspaceId: workspace.id,
        name: "twin",
        prefix: apiKey.slice(0, 10),
        hash: "x",
      },
    });
    expect(await errorOf(revokeApiKey(prisma, workspace.id, apiKey.slice(0, 10)))).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("revoke it by id"),
    });
  });
});
