import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";
import { openDatabase } from "./database.ts";
import { DEFAULT_MIGRATIONS_DIR } from "./migrate.ts";
import { createTestDatabase } from "./testing/index.ts";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function queryOne<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe("openDatabase", () => {
  test("uses DATABASE_URL when it is set, and migrates it", async () => {
    const db = await createTestDatabase({ migrated: false });
    cleanups.push(db.drop);

    const opened = await openDatabase({ env: { DATABASE_URL: db.url }, dataDir: "/nonexistent" });
    cleanups.push(opened.close);

    expect(opened).toMatchObject({ url: db.url, embedded: false });
    expect(await queryOne(db.url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual({
      n: await migrationCount(),
    });
  });

  test("without DATABASE_URL, runs an embedded server whose data survives a restart", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "tiktok-army-open-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const dataDir = path.join(folder, "pg");
    const log: string[] = [];

    const first = await openDatabase({ env: { DATABASE_URL: "" }, dataDir, log: (m) => log.push(m) });
    cleanups.push(first.close);
    expect(first).toMatchObject({ embedded: true, url: expect.stringMatching(/\/tiktok_army$/) });
    await queryOne(first.url, `INSERT INTO workspaces (id, name) VALUES (gen_random_uuid(), 'acme')`);
    await first.close();

    const second = await openDatabase({ env: {}, dataDir, log: (m) => log.push(m) });
    cleanups.push(second.close);
    expect(await queryOne(second.url, "SELECT name FROM workspaces")).toEqual({ name: "acme" });
    expect(log.filter((m) => m.startsWith("applied migration"))).toHaveLength(await migrationCount());
    expect(log.filter((m) => m.includes("initialised"))).toHaveLength(1);
  });

  test("runs the embedded server on the port it is given", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "tiktok-army-open-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const port = await freePort();

    const opened = await openDatabase({ env: {}, dataDir: path.join(folder, "pg"), port });
    cleanups.push(opened.close);

    expect(new URL(opened.url).port).toBe(String(port));
    expect(await queryOne(opened.url, "SELECT current_setting('port') AS port")).toEqual({
      port: String(port),
    });
  });

  test("refuses a DATABASE_URL that is not a PostgreSQL URL", async () => {
    await expect(
      openDatabase({ env: { DATABASE_URL: "mysql://x" }, dataDir: "/nonexistent" }),
    ).rejects.toThrow(/DATABASE_URL must be a postgresql:\/\/ URL/);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function migrationCount(): Promise<number> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).length;
}
