import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BRIEF_OUTCOMES } from "./briefs.ts";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, MigrationError } from "./migrate.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let db: TestDatabase;
let migrationsDir: string;

beforeEach(async () => {
  db = await createTestDatabase({ migrated: false });
  migrationsDir = await mkdtemp(path.join(tmpdir(), "tiktok-army-migrations-"));
});

afterEach(async () => {
  await db.drop();
  await rm(migrationsDir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function writeMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrationsDir, name));
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}

async function copyRepositoryMigrations(): Promise<string[]> {
  await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  return repositoryMigrations();
}

async function repositoryMigrations(): Promise<string[]> {
  const entries = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function enumValues(type: string): Promise<string[]> {
  const rows = await query<{ value: string }>(`SELECT unnest(enum_range(NULL::"${type}"))::text AS value`);
  return rows.map((r) => r.value);
}

describe("applyMigrations", () => {
  test("applies every migration of prisma/migrations to a fresh database, then none on the next run", async () => {
    const names = await repositoryMigrations();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(db.url)).toEqual({ applied: names });
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });

    const ledger = await query<{
      migration_name: string;
      checksum: string;
      finished: boolean;
      steps: number;
    }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const checksums = await Promise.all(
      names.map(async (name) => {
        const sql = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql"));
        return createHash("sha256").update(sql).digest("hex");
      }),
    );
    expect(ledger).toEqual(
      names.map((name, i) => ({ migration_name: name, checksum: checksums[i], finished: true, steps: 1 })),
    );
  });

  test("keeps its ledger in a table shaped exactly like Prisma's _prisma_migrations", async () => {
    await applyMigrations(db.url);
    const columns = await query(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    const column = (
      name: string,
      type: string,
      length: number | null,
      nullable: boolean,
      fallback?: string,
    ) => ({
      column_name: name,
      data_type: type,
      length,
      is_nullable: nullable ? "YES" : "NO",
      column_default: fallback ?? null,
    });
    expect(columns).toEqual([
      column("id", "character varying", 36, false),
      column("checksum", "character varying", 64, false),
      column("finished_at", "timestamp with time zone", null, true),
      column("migration_name", "character varying", 255, false),
      column("logs", "text", null, true),
      column("rolled_back_at", "timestamp with time zone", null, true),
      column("started_at", "timestamp with time zone", null, false, "now()"),
      column("applied_steps_count", "integer", null, false, "0"),
    ]);
  });

  test("applies each migration exactly once when three processes start at the same time", async () => {
    const names = await repositoryMigrations();

    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations(db.url)));

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(names);
    const ledger = await query(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(ledger).toHaveLength(names.length);
  });

  test("refuses to go on when the file of an applied migration was edited", async () => {
    const [first] = await copyRepositoryMigrations();
    await applyMigrations(db.url, { migrationsDir });

    await appendFile(
      path.join(migrationsDir, first as string, "migration.sql"),
      "\n-- an innocent comment\n",
    );

    const refusal = applyMigrations(db.url, { migrationsDir });
    await expect(refusal).rejects.toBeInstanceOf(MigrationError);
    await expect(refusal).rejects.toMatchObject({ code: "checksum_mismatch", migration: first });
    await expect(refusal).rejects.toThrow(/was modified after it was applied/);
  });

  test("accepts an applied migration whose file only changed line endings, as Prisma does", async () => {
    await writeMigration("001_first", "CREATE TABLE first (id int);\nCREATE TABLE second (id int);\n");
    await applyMigrations(db.url, { migrationsDir });

    const file = path.join(migrationsDir, "001_first", "migration.sql");
    await writeFile(file, (await readFile(file, "utf8")).replaceAll("\n", "\r\n"));

    expect(await applyMigrations(db.url, { migrationsDir })).toEqual({ applied: [] });
  });

  test("refuses to go on when a migration was started and never finished", async () => {
    await writeMigration("001_first", "CREATE TABLE first (id int);");
    await applyMigrations(db.url, { migrationsDir });
    // What `prisma migrate deploy` leaves behind when a migration fails halfway.
    await query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs)
       VALUES ('00000000-0000-0000-0000-000000000002', 'x', '002_second', 'boom')`,
    );
    await writeMigration("002_second", "CREATE TABLE second (id int);");

    const refusal = applyMigrations(db.url, { migrationsDir });
    await expect(refusal).rejects.toMatchObject({ code: "previously_failed", migration: "002_second" });
    await expect(refusal).rejects.toThrow(/never finished/);
  });

  test("rolls a failing migration back entirely and applies it once it is fixed", async () => {
    await writeMigration("001_ok", "CREATE TABLE ok (id int);");
    await writeMigration("002_broken", "CREATE TABLE half (id int);\nSELECT 1 / 0;");

    const failure = applyMigrations(db.url, { migrationsDir });
    await expect(failure).rejects.toMatchObject({ code: "migration_failed", migration: "002_broken" });
    await expect(failure).rejects.toThrow(/division by zero/);
    expect(await query(`SELECT to_regclass('half') IS NULL AS gone`)).toEqual([{ gone: true }]);
    expect(await query(`SELECT migration_name FROM "_prisma_migrations"`)).toEqual([
      { migration_name: "001_ok" },
    ]);

    await writeFile(path.join(migrationsDir, "002_broken", "migration.sql"), "CREATE TABLE half (id int);");
    expect(await applyMigrations(db.url, { migrationsDir })).toEqual({ applied: ["002_broken"] });
  });

  test("adds an enum value in one migration and uses it in the next, in the same run", async () => {
    const names = await copyRepositoryMigrations();
    await writeMigration(
      "29990101000000_add_outcome",
      `ALTER TYPE "tiktok_brief_outcome" ADD VALUE 'added_by_a_test';\n`,
    );
    await writeMigration(
      "29990101000001_default_outcome",
      `ALTER TABLE "briefs" ALTER COLUMN "outcome" SET DEFAULT 'added_by_a_test';\n`,
    );

    const { applied } = await applyMigrations(db.url, { migrationsDir });

    expect(applied).toEqual([...names, "29990101000000_add_outcome", "29990101000001_default_outcome"]);
    expect(await enumValues("tiktok_brief_outcome")).toEqual([...BRIEF_OUTCOMES, "added_by_a_test"]);
  });

  test("explains that an enum value cannot be used by the migration that adds it", async () => {
    await copyRepositoryMigrations();
    await writeMigration(
      "29990101000000_add_and_use_outcome",
      `ALTER TYPE "tiktok_brief_outcome" ADD VALUE 'added_by_a_test';\n` +
        `ALTER TABLE "briefs" ALTER COLUMN "outcome" SET DEFAULT 'added_by_a_test';\n`,
    );

    const failure = applyMigrations(db.url, { migrationsDir });
    await expect(failure).rejects.toMatchObject({ code: "migration_failed" });
    await expect(failure).rejects.toThrow(/can only be used from a later migration/);
    expect(await enumValues("tiktok_brief_outcome")).not.toContain("added_by_a_test");
  });
});
