import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient, type TikTokArmyClient } from "@tiktok-army/client";
import { createPrismaClient, createWorkspaceWithKey } from "@tiktok-army/db";
import { createLogger } from "@tiktok-army/db/logger";
import { createTestDatabase } from "@tiktok-army/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverConfigFromEnv } from "./config.ts";
import { type RunningServer, startServer } from "./server.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dataDir: string;
let server: RunningServer;
let api: TikTokArmyClient;
let cookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), "tta-oauth-test-"));
  const config = serverConfigFromEnv({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    PORT: "0",
    TIKTOK_SANDBOX: "1",
  });
  server = await startServer(
    { ...config, webDist: path.join(dataDir, "no-dashboard") },
    {
      logger: createLogger({ level: "silent" }),
    },
  );
  api = createClient({ url: server.url, apiKey: server.localApiKey });
  cookie = `tta_key=${encodeURIComponent(server.localApiKey)}`;
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Connect on the dashboard, then consent on TikTok's page: the query TikTok sends the browser back with. */
async function authorize(kind: "creator" | "business" | "advertiser" = "creator") {
  const { authorizeUrl } = await api.connections.connect.mutate({ kind });
  const sandbox = server.tiktokSandbox;
  if (!sandbox) throw new Error("the server runs no TikTok sandbox");
  const back = await sandbox.consent(authorizeUrl, "allow");
  expect(back.pathname).toBe(`/oauth/tiktok/callback/${kind}`);
  return back.pathname + back.search;
}

const callback = (pathAndQuery: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${pathAndQuery}`, {
    redirect: "manual",
    headers: { "sec-fetch-site": "cross-site", ...headers },
  });

describe("connecting a TikTok account in the sandbox", () => {
  it("goes from Connect through TikTok's consent back to a stored, listed connection", async () => {
    expect(await api.connections.status.query()).toEqual({
      configured: true,
      kinds: ["creator", "business", "advertiser"],
    });
    const back = await authorize();

    const res = await callback(back, { cookie });

    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/connections?connected=creator");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const [connection, ...others] = await api.connections.list.query();
    expect(others).toEqual([]);
    expect(connection).toMatchObject({
      kind: "creator",
      handle: "stubcreator",
      displayName: "Stub Creator",
      status: "active",
      scopes: expect.arrayContaining(["video.list"]),
    });
    expect(Date.parse(connection?.accessExpiresAt ?? "")).toBeGreaterThan(Date.now());

    // A state is spent once: the same redirect again stores nothing.
    const again = await callback(back, { cookie });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("already used");
    expect(await api.connections.list.query()).toHaveLength(1);

    expect(await api.connections.disconnect.mutate({ id: connection?.id ?? "" })).toEqual({ revoked: true });
    expect(await api.connections.list.query()).toEqual([]);
  });

  it("connects a business account and an advertiser through their own consent pages", async () => {
    for (const kind of ["business", "advertiser"] as const) {
      const res = await callback(await authorize(kind), { cookie });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/connections?connected=${kind}`);
    }
    const connections = await api.connections.list.query();
    expect(connections.find((c) => c.kind === "business")).toMatchObject({
      handle: server.tiktokSandbox?.account.business.username,
      status: "active",
    });
    expect(connections.find((c) => c.kind === "advertiser")).toMatchObject({
      handle: null,
      advertiserIds: server.tiktokSandbox?.advertiserIds,
      accessExpiresAt: null,
    });
    for (const connection of connections) await api.connections.disconnect.mutate({ id: connection.id });
  });

  it("bounces once through its own page to get the session cookie a cross-site redirect withholds", async () => {
    const back = await authorize();

    const first = await callback(back);
    expect(first.status).toBe(200);
    const html = await first.text();
    const target = /content="0;url=([^"]+)"/.exec(html)?.[1]?.replaceAll("&#38;", "&") ?? "";
    expect(target).toContain("tta_bounced=1");
    expect(await api.connections.list.query()).toEqual([]);

    // The browser follows the refresh from the server's own page, which now carries the cookie.
    const second = await callback(target, { cookie, "sec-fetch-site": "same-origin" });
    expect(second.status).toBe(303);
    const [connection] = await api.connections.list.query();
    expect(connection?.handle).toBe("stubcreator");
    await api.connections.disconnect.mutate({ id: connection?.id ?? "" });
  });

  it("refuses an unknown state, an expired one and one another session started, and stores nothing", async () => {
    const unknown = await callback(`/oauth/tiktok/callback/creator?code=x&state=made-up`, { cookie });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("unknown");

    const foreignKey = (await createPrismaWorkspace("someone-else")).apiKey;
    const stolen = await authorize();
    const sessions: Record<string, string>[] = [
      { cookie: `tta_key=${encodeURIComponent(foreignKey)}` },
      { "sec-fetch-site": "same-origin" },
    ];
    for (const headers of sessions) {
      const res = await callback(`${stolen}&tta_bounced=1`, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("another session");
    }

    const late = await authorize();
    await sql("UPDATE tiktok_oauth_states SET expires_at = now() - interval '1 second'");
    const expired = await callback(late, { cookie });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("expired");

    expect(await api.connections.list.query()).toEqual([]);
    expect(await sql("SELECT count(*)::int AS n FROM tiktok_connections")).toEqual([{ n: 0 }]);
  });

  it("answers an unknown kind with a page, not the dashboard", async () => {
    const res = await callback("/oauth/tiktok/callback/page?code=x&state=y", { cookie });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Unknown connection kind");
  });
});

async function sql(text: string) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function createPrismaWorkspace(name: string) {
  const prisma = createPrismaClient(db.url, { max: 1 });
  try {
    return await createWorkspaceWithKey(prisma, name);
  } finally {
    await prisma.$disconnect();
  }
}
