import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  authenticateApiKey,
  createPrismaClient,
  createWorkspaceWithKey,
  listApiKeys,
  type PrismaClient,
} from "@tiktok-army/db";
import { createTestDatabase, type TestDatabase } from "@tiktok-army/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SERVER_DIR = fileURLToPath(new URL("../", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "warn" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The CLI itself, as the `cli` script of apps/server runs it. */
const cli = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], SERVER_DIR);

describe("the keys CLI", () => {
  it("creates, lists and revokes a workspace's keys; a key is printed once, lists show only its prefix", async () => {
    const created = await cli("keys", "create", "--workspace", "acme");
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(created.stdout).toMatch(/^tta_[\w-]{43}\n$/);
    expect(await authenticateApiKey(prisma, key)).toMatchObject({ workspace: { name: "acme" } });
    await createWorkspaceWithKey(prisma, "acme", "laptop");

    const listed = await cli("keys", "list", "--workspace", "acme");
    expect(listed.code).toBe(0);
    const [header, ...rows] = listed.stdout.trimEnd().split("\n");
    expect(header?.split(/\s{2,}/)).toEqual([
      "ID",
      "PREFIX",
      "NAME",
      "CREATED (UTC)",
      "LAST USED (UTC)",
      "REVOKED (UTC)",
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/ {2}laptop {2}/);
    expect(rows[1]).toMatch(new RegExp(`^[0-9a-f-]{36}  ${key.slice(0, 10)}  cli .* never +no$`));
    expect(listed.stdout).not.toContain(key.slice(10));

    const revoked = await cli("keys", "revoke", key.slice(0, 10), "--workspace", "acme");
    expect(revoked).toMatchObject({ code: 0, stdout: "" });
    expect(revoked.stderr).toContain(`revoked key ${key.slice(0, 10)}`);
    expect(await authenticateApiKey(prisma, key)).toBeUndefined();
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { name: "acme" } });
    expect(await listApiKeys(prisma, workspace.id)).toContainEqual(
      expect.objectContaining({ prefix: key.slice(0, 10), revokedAt: expect.any(Date) }),
    );
  }, 60_000);

  it("revokes only the named workspace's keys, and says so for another's", async () => {
    const foreign = (await createWorkspaceWithKey(prisma, "foreign")).apiKey;
    await createWorkspaceWithKey(prisma, "mine");
    const attempt = await cli("keys", "revoke", foreign.slice(0, 10), "--workspace", "mine");
    expect(attempt.code).toBe(1);
    expect(attempt.stderr).toContain(`workspace mine has no API key '${foreign.slice(0, 10)}'`);
    expect(await authenticateApiKey(prisma, foreign)).toBeDefined();

    expect(await cli("keys", "list", "--workspace", "nobody")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no workspace named 'nobody'"),
    });
    expect(await cli("keys", "revoke", "--workspace", "mine")).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("keys revoke takes one key"),
    });
  }, 60_000);

  it("prints only the key on stdout through the command the usage gives, from the repository root", async () => {
    const created = await run(
      "npm",
      ["run", "-s", "tiktok-army", "--", "keys", "create", "--workspace", "npm"],
      REPO_ROOT,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^tta_[\w-]{43}\n$/);
  }, 60_000);
});
