import type { TikTokOAuth } from "@tiktok-army/tiktok";
import { decryptToken, type Keyring } from "@tiktok-army/tiktok";
import type { PrismaClient } from "../client.ts";
import type { Log } from "../logger.ts";
import { ConnectionError } from "./errors.ts";

export interface Disconnected {
  /** False when TikTok did not confirm the revocation; the tokens are deleted all the same. */
  revoked: boolean;
  /** Why revoking failed, without any token. */
  revokeError?: string;
}

/**
 * Revokes the connection's grant at TikTok (best effort: a failure is reported, not fatal), then
 * deletes the row and its tokens. Another workspace's connection is `not_found`, like an unknown one.
 */
export async function disconnectConnection(
  deps: { prisma: PrismaClient; keyring: Keyring; oauth: Pick<TikTokOAuth, "revoke">; log?: Log },
  workspaceId: string,
  connectionId: string,
): Promise<Disconnected> {
  const row = await deps.prisma.tikTokConnection.findFirst({
    where: { id: connectionId, workspaceId },
    select: { id: true, kind: true, accessToken: true },
  });
  if (!row) throw new ConnectionError("not_found", `No TikTok connection with id '${connectionId}'`);
  let result: Disconnected = { revoked: true };
  try {
    await deps.oauth.revoke(row.kind, decryptToken(deps.keyring, row.accessToken));
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result = { revoked: false, revokeError: why.slice(0, 500) };
    deps.log?.({
      level: "warn",
      msg: "TikTok did not confirm a revocation",
      connectionId,
      kind: row.kind,
      error: why,
    });
  }
  await deps.prisma.tikTokConnection.deleteMany({ where: { id: row.id, workspaceId } });
  return result;
}
