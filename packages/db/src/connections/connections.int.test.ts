import { randomBytes } from "node:crypto";
import {
  type Keyring,
  keyIdOf,
  newCodeVerifier,
  parseKeyring,
  type TikTokOAuth,
  type TokenGrant,
  tiktokCodeChallenge,
} from "@tiktok-army/tiktok";
import { startTikTokStub, type TikTokStub } from "@tiktok-army/tiktok/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../client.ts";
import { stubTikTokOAuth } from "../testing/stub-oauth.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { createWorkspaceWithKey } from "../workspaces.ts";
import { connectionCredentials } from "./connection-credentials.ts";
import { storeConnection } from "./connection-store.ts";
import { listConnections } from "./connection-view.ts";
import { disconnectConnection } from "./disconnect.ts";
import { ConnectionError, ConnectionReauthRequiredError } from "./errors.ts";

const key = () => randomBytes(32).toString("base64");
const oldKeys = `k1:${key()}`;
const keyring: Keyring = parseKeyring(oldKeys);

let db: TestDatabase;
let prisma: PrismaClient;
let stub: TikTokStub;
let oauth: ReturnType<typeof stubTikTokOAuth>;
let workspaceId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  stub = await startTikTokStub();
  oauth = stubTikTokOAuth(stub);
  workspaceId = (await createWorkspaceWithKey(prisma, "connections")).workspace.id;
});

afterAll(async () => {
  await stub?.close();
  await prisma?.$disconnect();
  await db?.drop();
});

/** A real grant from the stub (a code exchanged at its token endpoint), expiring in `expiresInMs`. */
async function grant(expiresInMs = 2 * 3600_000): Promise<TokenGrant> {
  return { ...(await grantFrom(stub, oauth)), accessExpiresAt: new Date(Date.now() + expiresInMs) };
}

/** Authorize on the stub with PKCE, then exchange the code as the callback would. */
async function grantFrom(from: TikTokStub, flows: TikTokOAuth): Promise<TokenGrant> {
  const state = "s";
  const codeVerifier = newCodeVerifier();
  const code = from.authorize("creator", {
    redirectUri: "http://127.0.0.1/oauth/tiktok/callback/creator",
    codeChallenge: tiktokCodeChallenge(codeVerifier),
  });
  return flows.exchangeCode("creator", new URLSearchParams({ code, state }), { state, codeVerifier });
}

async function rawRow(id: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query("SELECT * FROM tiktok_connections WHERE id = $1", [id])).rows[0];
  } finally {
    await client.end();
  }
}

const refreshCalls = () => stub.requests.filter((r) => r.path === "/v2/oauth/token/").length;
const deps = (overrides: { keyring?: Keyring; oauth?: typeof oauth } = {}) => ({
  prisma,
  keyring,
  oauth,
  ...overrides,
});

describe("storing a connection", () => {
  it("keeps both tokens sealed in the table and gives the access token back through its credentials", async () => {
    const g = await grant();
    const view = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: g,
      handle: "@StubCreator",
    });

    const row = await rawRow(view.id);
    const everything = JSON.stringify(row);
    expect(everything).not.toContain(g.accessToken);
    expect(everything).not.toContain(g.refreshToken);
    expect(keyIdOf(String(row.access_token))).toBe("k1");
    expect(keyIdOf(String(row.refresh_token))).toBe("k1");
    expect(row).toMatchObject({
      handle: "stubcreator",
      kind: "creator",
      status: "active",
      external_id: g.externalId,
    });

    expect(await connectionCredentials(deps(), view.id).accessToken()).toBe(g.accessToken);
  });

  it("lists connections with what the dashboard shows and no token, sealed or not", async () => {
    const g = await grant();
    const other = (await createWorkspaceWithKey(prisma, "other-list")).workspace.id;
    await storeConnection(prisma, keyring, {
      workspaceId: other,
      kind: "creator",
      grant: g,
      handle: "elsewhere",
    });

    const list = await listConnections(prisma, other);
    expect(list).toEqual([
      expect.objectContaining({
        kind: "creator",
        handle: "elsewhere",
        status: "active",
        scopes: g.scopes,
        advertiserIds: [],
      }),
    ]);
    expect(Object.keys(list[0] ?? {})).not.toContain("accessToken");
    expect(Object.keys(list[0] ?? {})).not.toContain("refreshToken");
    expect(JSON.stringify(list)).not.toMatch(/v1\.k1\.|act\.|rft\./);
  });
});

describe("credentials", () => {
  it("refresh a token that expires within the margin once for two callers at once, storing the rotated refresh token", async () => {
    const g = await grant(60_000);
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: g,
      handle: "racing",
    });
    const before = refreshCalls();
    // A slow refresh: the second caller arrives while the first one's is under way.
    stub.failNext("/v2/oauth/token/", { kind: "slow", delayMs: 300 });

    // Two callers, as two worker processes would be: separate credential objects over the same row.
    const [a, b] = await Promise.all([
      connectionCredentials(deps(), id).accessToken(),
      connectionCredentials(deps(), id).accessToken(),
    ]);

    expect(refreshCalls() - before).toBe(1);
    expect(a).toBe(b);
    expect(a).not.toBe(g.accessToken);
    const row = await prisma.tikTokConnection.findUniqueOrThrow({ where: { id } });
    expect(row.accessExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    // The stored refresh token is the rotated one: the spent one is refused, the stored one works.
    await expect(oauth.refresh("creator", g.refreshToken ?? "")).rejects.toThrow(/reauth_required/);
    await connectionCredentials(deps(), id).refresh();
    expect(refreshCalls() - before).toBe(3);
  });

  it("use the token another caller refreshed meanwhile instead of refreshing again", async () => {
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: await grant(),
      handle: "meanwhile",
    });
    const first = connectionCredentials(deps(), id);
    const second = connectionCredentials(deps(), id);
    const old = await first.accessToken();
    await second.accessToken();
    await second.refresh();
    const before = refreshCalls();

    await first.refresh();

    expect(refreshCalls()).toBe(before);
    const renewed = await first.accessToken();
    expect(renewed).not.toBe(old);
    expect(renewed).toBe(await second.accessToken());
  });

  it("mark the connection needs_reauth when TikTok refuses the refresh, and ask for a reconnection", async () => {
    const isolated = await startTikTokStub();
    const isolatedOAuth = stubTikTokOAuth(isolated);
    try {
      const g = await grantFrom(isolated, isolatedOAuth);
      const { id } = await storeConnection(prisma, keyring, {
        workspaceId,
        kind: "creator",
        grant: { ...g, accessExpiresAt: new Date(Date.now() + 1000) },
        handle: "revoked",
      });
      isolated.revokeGrant();
      const credentials = connectionCredentials(deps({ oauth: isolatedOAuth }), id);

      const error = await credentials.accessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionReauthRequiredError);
      expect((error as Error).message).toContain("@revoked");
      expect((error as Error).message).toContain("/connections");
      const row = await rawRow(id);
      expect(row.status).toBe("needs_reauth");
      expect(String(row.last_error)).toMatch(/reauth_required/);
      expect(String(row.last_error)).not.toContain(g.refreshToken);

      // Nothing more is asked of TikTok until someone reconnects.
      const calls = isolated.requests.length;
      await expect(credentials.accessToken()).rejects.toBeInstanceOf(ConnectionReauthRequiredError);
      await expect(credentials.refresh()).rejects.toBeInstanceOf(ConnectionReauthRequiredError);
      expect(isolated.requests.length).toBe(calls);
      expect((await listConnections(prisma, workspaceId)).find((c) => c.id === id)).toMatchObject({
        status: "needs_reauth",
        lastError: expect.stringMatching(/reconnected/),
      });
    } finally {
      await isolated.close();
    }
  });

  it("seal the tokens again under the newest key when they refresh", async () => {
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: await grant(1000),
      handle: "rotating",
    });
    const rotated = parseKeyring(`k2:${key()},${oldKeys}`);

    const token = await connectionCredentials(deps({ keyring: rotated }), id).accessToken();

    const row = await rawRow(id);
    expect(keyIdOf(String(row.access_token))).toBe("k2");
    expect(keyIdOf(String(row.refresh_token))).toBe("k2");
    expect(await connectionCredentials(deps({ keyring: rotated }), id).accessToken()).toBe(token);
  });
});

describe("disconnecting", () => {
  it("revokes the grant at TikTok, then deletes the row and its tokens", async () => {
    const g = await grant();
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: g,
      handle: "leaving",
    });

    expect(await disconnectConnection(deps(), workspaceId, id)).toEqual({ revoked: true });

    expect(oauth.revoked).toContain(g.accessToken);
    expect(await rawRow(id)).toBeUndefined();
  });

  it("deletes the tokens even when TikTok does not confirm the revocation, and says so", async () => {
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: await grant(),
      handle: "unconfirmed",
    });
    oauth.failRevoke = true;
    try {
      expect(await disconnectConnection(deps(), workspaceId, id)).toEqual({
        revoked: false,
        revokeError: expect.stringContaining("503"),
      });
    } finally {
      oauth.failRevoke = false;
    }
    expect(await rawRow(id)).toBeUndefined();
  });

  it("refuses another workspace's connection as unknown and leaves it in place", async () => {
    const { id } = await storeConnection(prisma, keyring, {
      workspaceId,
      kind: "creator",
      grant: await grant(),
      handle: "staying",
    });
    const intruder = (await createWorkspaceWithKey(prisma, "intruder-disconnect")).workspace.id;
    const revokedBefore = oauth.revoked.length;

    const error = await disconnectConnection(deps(), intruder, id).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe("not_found");
    expect(oauth.revoked.length).toBe(revokedBefore);
    expect(await rawRow(id)).toBeDefined();
  });
});
