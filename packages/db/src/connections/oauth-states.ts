import { createHash, randomBytes } from "node:crypto";
import type { ConnectionKind } from "@tiktok-army/tiktok";
import { decryptToken, encryptToken, type Keyring } from "@tiktok-army/tiktok";
import type { PrismaClient } from "../client.ts";
import { ConnectionError } from "./errors.ts";

/** How long an authorization may take, from Connect to TikTok's redirect back. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/**
 * What binds an authorization to the session that started it: a hash of the caller's API key id
 * (the dashboard's cookie is a key too), never the key itself.
 */
export function sessionHashOf(keyId: string): string {
  return createHash("sha256").update(`tiktok-oauth-session:${keyId}`).digest("hex");
}

/**
 * Records a new authorization of `kind` for the workspace, bound to the session of `sessionKeyId`,
 * with its PKCE verifier sealed; returns the `state` to send to TikTok. States of long ago are
 * swept on the way.
 */
export async function createOAuthState(
  prisma: PrismaClient,
  keyring: Keyring,
  input: {
    workspaceId: string;
    kind: ConnectionKind;
    sessionKeyId: string;
    codeVerifier?: string;
    now: Date;
  },
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  await prisma.tikTokOAuthState.deleteMany({
    where: { expiresAt: { lt: new Date(input.now.getTime() - OAUTH_STATE_TTL_MS) } },
  });
  await prisma.tikTokOAuthState.create({
    data: {
      state,
      workspaceId: input.workspaceId,
      kind: input.kind,
      codeVerifier: input.codeVerifier === undefined ? null : encryptToken(keyring, input.codeVerifier),
      sessionHash: sessionHashOf(input.sessionKeyId),
      expiresAt: new Date(input.now.getTime() + OAUTH_STATE_TTL_MS),
    },
  });
  return state;
}

export interface ConsumedOAuthState {
  workspaceId: string;
  kind: ConnectionKind;
  codeVerifier?: string;
}

/**
 * Takes a state once: it must exist for this `kind`, be unexpired and unused, and come back to the
 * session that started it. A state another session presents is refused and left as it is (that
 * session cannot spend it for its owner). Throws `ConnectionError` with a `state_*` code.
 */
export async function consumeOAuthState(
  prisma: PrismaClient,
  keyring: Keyring,
  input: { state: string; kind: ConnectionKind; sessionKeyId: string | undefined; now: Date },
): Promise<ConsumedOAuthState> {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      {
        workspace_id: string;
        kind: string;
        code_verifier: string | null;
        session_hash: string;
        expires_at: Date;
        consumed_at: Date | null;
      }[]
    >`SELECT workspace_id::text, kind::text, code_verifier, session_hash, expires_at, consumed_at
      FROM tiktok_oauth_states WHERE state = ${input.state} FOR UPDATE`;
    if (!row || row.kind !== input.kind)
      throw new ConnectionError(
        "state_unknown",
        "This authorization is unknown: start again from the Connections page.",
      );
    if (row.consumed_at)
      throw new ConnectionError(
        "state_used",
        "This authorization was already used: start again from the Connections page.",
      );
    if (row.expires_at.getTime() <= input.now.getTime())
      throw new ConnectionError(
        "state_expired",
        "This authorization took longer than 10 minutes and expired: start again from the Connections page.",
      );
    if (input.sessionKeyId === undefined || sessionHashOf(input.sessionKeyId) !== row.session_hash)
      throw new ConnectionError(
        "state_foreign_session",
        "This authorization was started in another session: open the dashboard where you pressed Connect, and start again.",
      );
    await tx.tikTokOAuthState.update({ where: { state: input.state }, data: { consumedAt: input.now } });
    return {
      workspaceId: row.workspace_id,
      kind: input.kind,
      ...(row.code_verifier === null ? {} : { codeVerifier: decryptToken(keyring, row.code_verifier) }),
    };
  });
}
