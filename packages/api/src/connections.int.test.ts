import { randomBytes } from "node:crypto";
import { createConnections, storeConnection, tiktokProfileReader } from "@tiktok-army/db";
import { createTikTokOAuth, parseKeyring, type TokenGrant } from "@tiktok-army/tiktok";
import { startTikTokStub, stubAppConfig, type TikTokStub } from "@tiktok-army/tiktok/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi } from "./testing.ts";

const keyring = parseKeyring(`k1:${randomBytes(32).toString("base64")}`);
let stub: TikTokStub;
let api: Awaited<ReturnType<typeof startTestApi>>;
let demo: Awaited<ReturnType<typeof startTestApi>>;

beforeAll(async () => {
  stub = await startTikTokStub();
  // An app registered for Login Kit only: creators can connect, business accounts and advertisers cannot.
  const {
    businessAppId: _id,
    businessSecret: _secret,
    ...creatorApp
  } = stubAppConfig(stub, "http://127.0.0.1");
  const urls = creatorApp.urls;
  api = await startTestApi({
    connections: (prisma) =>
      createConnections({
        prisma,
        keyring,
        oauth: createTikTokOAuth(creatorApp),
        readProfile: tiktokProfileReader(urls),
      }),
  });
  demo = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
  await demo?.stop();
  await stub?.close();
});

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

const grant = (externalId: string): TokenGrant => ({
  accessToken: `act.${externalId}-secret`,
  refreshToken: `rft.${externalId}-secret`,
  accessExpiresAt: new Date(Date.now() + 3600_000),
  refreshExpiresAt: null,
  scopes: ["user.info.basic", "video.list"],
  externalId,
});

describe("without a TikTok app", () => {
  it("says so, and refuses to connect or disconnect with a message that says how to configure one", async () => {
    const caller = await demo.caller((await demo.workspace("demo")).apiKey);
    expect(await caller.connections.status()).toEqual({ configured: false, kinds: [] });
    const refusal = await caller.connections.connect({ kind: "creator" }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect((refusal as TRPCError).message).toContain("docs/tiktok.md");
    expect(await caller.connections.list()).toEqual([]);
  });
});

describe("connections", () => {
  it("need a valid key", async () => {
    const anonymous = await api.caller(undefined);
    expect(await codeOf(anonymous.connections.list())).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.connections.connect({ kind: "creator" }))).toBe("UNAUTHORIZED");
  });

  it("give the consent page's URL with a state bound to the calling key's session", async () => {
    const { workspace, apiKey } = await api.workspace("connecting");
    const caller = await api.caller(apiKey);
    expect(await caller.connections.status()).toEqual({ configured: true, kinds: ["creator"] });

    const { authorizeUrl } = await caller.connections.connect({ kind: "creator" });

    const url = new URL(authorizeUrl);
    expect(url.origin).toBe(stub.url);
    const state = url.searchParams.get("state") ?? "";
    const row = await api.engine.prisma.tikTokOAuthState.findUniqueOrThrow({ where: { state } });
    expect(row).toMatchObject({ workspaceId: workspace.id, kind: "creator", consumedAt: null });
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    expect(row.sessionHash).not.toContain(apiKey);
  });

  it("refuse a kind the app cannot connect, and a kind that does not exist", async () => {
    const caller = await api.caller((await api.workspace("kinds")).apiKey);
    expect(await codeOf(caller.connections.connect({ kind: "advertiser" }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.connections.connect({ kind: "page" as "creator" }))).toBe("BAD_REQUEST");
  });

  it("list the workspace's own connections without tokens, and disconnect only them", async () => {
    const owner = await api.workspace("owner");
    const intruder = await api.caller((await api.workspace("intruder")).apiKey);
    const caller = await api.caller(owner.apiKey);
    const stored = await storeConnection(api.engine.prisma, keyring, {
      workspaceId: owner.workspace.id,
      kind: "creator",
      grant: grant("open-owner"),
      handle: "OwnerBrand",
    });

    const list = await caller.connections.list();
    expect(list).toEqual([
      {
        id: stored.id,
        kind: "creator",
        handle: "ownerbrand",
        displayName: null,
        status: "active",
        scopes: ["user.info.basic", "video.list"],
        advertiserIds: [],
        accessExpiresAt: expect.any(String),
        refreshExpiresAt: null,
        lastError: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/secret|v1\.k1/);
    expect(await intruder.connections.list()).toEqual([]);

    expect(await codeOf(intruder.connections.disconnect({ id: stored.id }))).toBe("NOT_FOUND");
    expect(await caller.connections.list()).toHaveLength(1);
    expect(await caller.connections.disconnect({ id: stored.id })).toEqual({ revoked: true });
    expect(await caller.connections.list()).toEqual([]);
    expect(await codeOf(caller.connections.disconnect({ id: stored.id }))).toBe("NOT_FOUND");
  });
});
