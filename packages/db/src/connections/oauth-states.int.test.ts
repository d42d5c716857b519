import { randomBytes, randomUUID } from "node:crypto";
import { parseKeyring } from "@tiktok-army/tiktok";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../client.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { createWorkspaceWithKey } from "../workspaces.ts";
import { ConnectionError } from "./errors.ts";
import { consumeOAuthState, createOAuthState, OAUTH_STATE_TTL_MS } from "./oauth-states.ts";

const keyring = parseKeyring(`k1:${randomBytes(32).toString("base64")}`);
let db: TestDatabase;
let prisma: PrismaClient;
let workspaceId: string;
const session = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient(db.url);
  workspaceId = (await createWorkspaceWithKey(prisma, "states")).workspace.id;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const start = (now = new Date()) =>
  createOAuthState(prisma, keyring, {
    workspaceId,
    kind: "creator",
    sessionKeyId: session,
    codeVerifier: "verifier-1",
    now,
  });

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof ConnectionError ? error.code : String(error);
}

describe("OAuth states", () => {
  it("are taken once, by the session that started them, with their PKCE verifier", async () => {
    const state = await start();
    const row = await prisma.tikTokOAuthState.findUniqueOrThrow({ where: { state } });
    expect(row.codeVerifier).not.toContain("verifier-1");
    expect(row.sessionHash).not.toContain(session);

    const taken = await consumeOAuthState(prisma, keyring, {
      state,
      kind: "creator",
      sessionKeyId: session,
      now: new Date(),
    });
    expect(taken).toEqual({ workspaceId, kind: "creator", codeVerifier: "verifier-1" });
    expect(
      await codeOf(
        consumeOAuthState(prisma, keyring, {
          state,
          kind: "creator",
          sessionKeyId: session,
          now: new Date(),
        }),
      ),
    ).toBe("state_used");
  });

  it("refuse another session, and stay usable by their own", async () => {
    const state = await start();
    for (const sessionKeyId of [randomUUID(), undefined])
      expect(
        await codeOf(
          consumeOAuthState(prisma, keyring, { state, kind: "creator", sessionKeyId, now: new Date() }),
        ),
      ).toBe("state_foreign_session");
    expect(
      await consumeOAuthState(prisma, keyring, {
        state,
        kind: "creator",
        sessionKeyId: session,
        now: new Date(),
      }),
    ).toMatchObject({ workspaceId });
  });

  it("refuse unknown states, states of another kind, and states older than ten minutes", async () => {
    const now = new Date();
    const state = await start(now);
    const take = (s: string, kind: "creator" | "business", at: Date) =>
      codeOf(consumeOAuthState(prisma, keyring, { state: s, kind, sessionKeyId: session, now: at }));
    expect(await take("made-up", "creator", now)).toBe("state_unknown");
    expect(await take(state, "business", now)).toBe("state_unknown");
    expect(await take(state, "creator", new Date(now.getTime() + OAUTH_STATE_TTL_MS))).toBe("state_expired");
  });
});
