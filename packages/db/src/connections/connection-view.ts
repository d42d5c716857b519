import type { ConnectionKind } from "@tiktok-army/tiktok";
import type { Prisma, PrismaClient } from "../client.ts";

/** What anyone may see of a connection: one whitelist, so no query of it can carry a token. */
export const CONNECTION_VIEW = {
  id: true,
  kind: true,
  externalId: true,
  handle: true,
  displayName: true,
  advertiserIds: true,
  scopes: true,
  accessExpiresAt: true,
  refreshExpiresAt: true,
  status: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.TikTokConnectionSelect;

/** `needs_reauth`: TikTok refused a refresh; a person must connect it again. */
export type ConnectionStatus = "active" | "needs_reauth";

export interface ConnectionView {
  id: string;
  kind: ConnectionKind;
  /** The account's id at TikTok (`open_id`, a business account's `business_id`, an advertiser user's id): not a secret. */
  externalId: string;
  /** The lower-cased TikTok username; null for an advertiser. */
  handle: string | null;
  displayName: string | null;
  advertiserIds: string[];
  scopes: string[];
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  status: ConnectionStatus;
  /** Why it needs re-authorization; never a token. */
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toConnectionView(row: Prisma.TikTokConnectionGetPayload<{ select: typeof CONNECTION_VIEW }>) {
  return { ...row } satisfies ConnectionView;
}

/** The workspace's connections, by kind then age; never a token. */
export async function listConnections(prisma: PrismaClient, workspaceId: string): Promise<ConnectionView[]> {
  const rows = await prisma.tikTokConnection.findMany({
    where: { workspaceId },
    select: CONNECTION_VIEW,
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(toConnectionView);
}
