import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "./src/embedded.ts";
import "./src/testing/provided-context.ts";

// One PostgreSQL server for the whole run, on which createTestDatabase() creates a database per call:
// the server of DATABASE_URL when set (our machines, CI), else an embedded one in a temporary folder.
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    project.provide("testDatabaseAdminUrl", databaseUrl);
    return undefined;
  }
  const folder = await mkdtemp(path.join(tmpdir(), "tiktok-army-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(folder, "data") });
  // The embedded server's `postgres` database: a superuser may create databases from there.
  const adminUrl = new URL(server.url);
  adminUrl.pathname = "/postgres";
  project.provide("testDatabaseAdminUrl", adminUrl.toString());
  return async () => {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  };
}
