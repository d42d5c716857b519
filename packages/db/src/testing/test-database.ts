import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { applyMigrations } from "../migrate.ts";
import "./provided-context.ts";

export interface TestDatabase {
  /** URL of a fresh database holding every migration and nothing else. */
  url: string;
  /** Disconnects everyone from the database and drops it. */
  drop(): Promise<void>;
}

/**
 * An isolated, migrated database of its own, on the server of `DATABASE_URL` or else on the
 * embedded server that vitest.global-setup.ts starts for the whole run. `migrated: false` gives
 * an empty database (for the migration runner's own tests).
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => { db = await createTestDatabase(); });
 * afterAll(() => db.drop());
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = adminDatabaseUrl();
  const name = `test_${randomBytes(8).toString("hex")}`;
  await asAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(adminUrl, name);
  try {
    if (options.migrated !== false) await applyMigrations(url);
  } catch (error) {
    await asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  return {
    url,
    // WITH (FORCE) terminates the connections still open on it (pools a test forgot to end).
    drop: () => asAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

function adminDatabaseUrl(): string {
  const url = (inject("testDatabaseAdminUrl") as string | undefined) ?? process.env.DATABASE_URL;
  if (url) return url;
  throw new Error(
    "createTestDatabase needs a PostgreSQL server: set DATABASE_URL, or add @tiktok-army/db's " +
      "vitest.global-setup.ts to this package's vitest globalSetup (it starts an embedded server).",
  );
}

async function asAdmin(adminUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
