import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/**
 * Applies `prisma/migrations/<name>/migration.sql` the way `prisma migrate deploy` would, without
 * Prisma's native schema engine (which cannot be installed here): same ledger table, same
 * checksums, same advisory lock, so the Prisma CLI agrees with us wherever it does run.
 *
 * Each pending migration runs in its own transaction together with its ledger row, so a failed
 * migration leaves no trace and is retried at the next start. Consequence for enums: a value
 * added with `ALTER TYPE ... ADD VALUE` can only be used from a *later* migration (PostgreSQL
 * refuses to use it in the transaction that added it); keep such a migration on its own.
 */

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

// The key Prisma Migrate itself locks on: our runner and `prisma migrate deploy` exclude each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Exactly the table Prisma's schema engine creates.
const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationErrorCode = "checksum_mismatch" | "previously_failed" | "migration_failed";

/** Why migrations could not be applied; `migration` is the folder name. */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}

export interface ApplyMigrationsOptions {
  /** Folder holding `<name>/migration.sql`; defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  log?: (msg: string) => void;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface LedgerRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every pending migration, in name order, and returns the names it applied.
 * Safe to call from several processes at once: each migration is applied exactly once.
 *
 * @example
 * const { applied } = await applyMigrations(process.env.DATABASE_URL, { log: console.info });
 */
export async function applyMigrations(
  connectionString: string,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // A session-level lock, held across the per-migration transactions below and released when this
    // connection ends. The ledger is created under it: concurrent CREATE TABLE IF NOT EXISTS can collide.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    await client.query(CREATE_LEDGER);
    const ledger = await readLedger(client);
    checkLedger(migrations, ledger, log);
    const done = new Set(ledger.filter(isApplied).map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await applyOne(client, migration);
      log(`applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    return { applied };
  } finally {
    await client.end();
  }
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8").catch(() => undefined);
    if (sql === undefined) continue;
    migrations.push({ name, sql, checksum: sha256(sql) });
  }
  return migrations;
}

async function readLedger(client: pg.Client): Promise<LedgerRow[]> {
  const { rows } = await client.query<LedgerRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return rows;
}

const isApplied = (row: LedgerRow) => row.finished_at !== null && row.rolled_back_at === null;

function checkLedger(migrations: MigrationFile[], ledger: LedgerRow[], log: (msg: string) => void): void {
  const files = new Map(migrations.map((m) => [m.name, m]));
  for (const row of ledger) {
    const name = row.migration_name;
    if (row.finished_at === null && row.rolled_back_at === null) {
      throw new MigrationError(
        "previously_failed",
        name,
        `Migration ${name} was started but never finished (failed or interrupted): its changes may be half applied. ` +
          `Repair the database, then mark it rolled back (\`prisma migrate resolve --rolled-back ${name}\`, or ` +
          `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${name}').`,
      );
    }
    if (!isApplied(row)) continue;
    const file = files.get(name);
    if (file === undefined) {
      log(`migration ${name} is applied to the database but missing from the migrations folder`);
      continue;
    }
    if (!sameScript(file, row.checksum)) {
      throw new MigrationError(
        "checksum_mismatch",
        name,
        `Migration ${name} was modified after it was applied (checksum ${row.checksum} in the database, ` +
          `${file.checksum} on disk). Applied migrations must not change: revert the edit and add a new migration.`,
      );
    }
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Like Prisma, a checkout that only changed line endings (git on Windows) still matches.
function sameScript(file: MigrationFile, checksum: string): boolean {
  if (file.checksum === checksum) return true;
  const lf = file.sql.replaceAll("\r\n", "\n");
  return sha256(lf) === checksum || sha256(lf.replaceAll("\n", "\r\n")) === checksum;
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new MigrationError(
      "migration_failed",
      migration.name,
      `Migration ${migration.name} failed and was rolled back: ${describe(error)}`,
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // 55P04 unsafe_new_enum_value_usage: the migration adds an enum value and uses it in the same transaction.
  if ((error as { code?: string }).code === "55P04") {
    return `${error.message} (a value added by ALTER TYPE ... ADD VALUE can only be used from a later migration)`;
  }
  return error.message;
}
