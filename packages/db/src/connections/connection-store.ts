import { randomUUID } from "node:crypto";
import type { ConnectionKind, TokenGrant } from "@tiktok-army/tiktok";
import { encryptToken, type Keyring } from "@tiktok-army/tiktok";
import type { PrismaClient } from "../client.ts";
import { CONNECTION_VIEW, type ConnectionView, toConnectionView } from "./connection-view.ts";

export interface NewConnection {
  workspaceId: string;
  kind: ConnectionKind;
  grant: TokenGrant;
  /** The TikTok username (stored lower-cased); none for an advertiser. */
  handle?: string | null;
  displayName?: string | null;
}

/**
 * Stores a grant sealed under the keyring's current key. Connecting the same account again (same
 * workspace, kind and TikTok id) replaces its tokens and makes it active again.
 * @example
 * await storeConnection(prisma, keyring, { workspaceId, kind: "creator", grant, handle: "LakuCosmetics" });
 */
export async function storeConnection(
  prisma: PrismaClient,
  keyring: Keyring,
  input: NewConnection,
): Promise<ConnectionView> {
  const { grant } = input;
  const handle =
    input.kind === "advertiser" ? null : (input.handle?.trim().replace(/^@/, "").toLowerCase() ?? null);
  const tokens = {
    handle: handle || null,
    displayName: input.displayName ?? null,
    advertiserIds: input.kind === "advertiser" ? (grant.advertiserIds ?? []) : [],
    scopes: grant.scopes,
    accessToken: encryptToken(keyring, grant.accessToken),
    refreshToken: grant.refreshToken === null ? null : encryptToken(keyring, grant.refreshToken),
    accessExpiresAt: grant.accessExpiresAt,
    refreshExpiresAt: grant.refreshExpiresAt,
    status: "active" as const,
    lastError: null,
  };
  const row = await prisma.tikTokConnection.upsert({
    where: {
      workspaceId_kind_externalId: {
        workspaceId: input.workspaceId,
        kind: input.kind,
        externalId: grant.externalId,
      },
    },
    create: {
      id: randomUUID(),
      workspaceId: input.workspaceId,
      kind: input.kind,
      externalId: grant.externalId,
      ...tokens,
    },
    update: tokens,
    select: CONNECTION_VIEW,
  });
  return toConnectionView(row);
}
