import { ConnectionError, type ConnectionView, listConnections } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { protectedProcedure } from "../trpc.ts";

const kindSchema = z.enum(
  ["creator", "business", "advertiser"],
  "kind must be creator, business or advertiser",
);
const connectionIdSchema = z.uuid("id must be a UUID");

/** A connection as the dashboard shows it: what it is and whether it works, never a token. */
const connectionView = (c: ConnectionView) => ({
  id: c.id,
  kind: c.kind,
  handle: c.handle,
  displayName: c.displayName,
  status: c.status,
  scopes: c.scopes,
  advertiserIds: c.advertiserIds,
  accessExpiresAt: c.accessExpiresAt?.toISOString() ?? null,
  refreshExpiresAt: c.refreshExpiresAt?.toISOString() ?? null,
  lastError: c.lastError,
  createdAt: c.createdAt.toISOString(),
});

const notConfigured = () =>
  new ConnectionError(
    "not_configured",
    "No TikTok app is configured on this server: set TIKTOK_CLIENT_KEY (creators) or TIKTOK_BUSINESS_APP_ID (business accounts and advertisers), see docs/tiktok.md.",
  );

/**
 * The workspace's TikTok connections. There are no roles yet, so any key of the workspace may
 * connect and disconnect accounts (the people and roles work is to keep both to admins).
 */
export const connectionsRouter = {
  /** Whether this server has a TikTok app, and which kinds of connection it can make. */
  status: protectedProcedure.query(({ ctx }) => ({
    configured: ctx.deps.connections !== undefined,
    kinds: ctx.deps.connections?.kinds() ?? [],
  })),

  /** The workspace's connections by kind, with status and expiry; never a token. */
  list: protectedProcedure.query(async ({ ctx }) =>
    (await listConnections(ctx.deps.engine.prisma, ctx.workspace.id)).map(connectionView),
  ),

  /**
   * Starts connecting a `kind` of account: records an authorization bound to the calling key's
   * session and gives the URL of TikTok's consent page, which the browser opens (a top-level
   * navigation); TikTok sends it back to `/oauth/tiktok/callback/<kind>` within 10 minutes.
   */
  connect: protectedProcedure.input(z.object({ kind: kindSchema })).mutation(async ({ ctx, input }) => {
    const connections = ctx.deps.connections;
    if (!connections) throw notConfigured();
    return connections.startConnect({
      workspaceId: ctx.workspace.id,
      kind: input.kind,
      sessionKeyId: ctx.caller.keyId,
    });
  }),

  /** Revokes the grant at TikTok (best effort; `revoked: false` says it failed) and deletes the tokens. */
  disconnect: protectedProcedure
    .input(z.object({ id: connectionIdSchema }))
    .mutation(async ({ ctx, input }) => {
      const connections = ctx.deps.connections;
      if (!connections) throw notConfigured();
      return connections.disconnect(ctx.workspace.id, input.id);
    }),
} satisfies TRPCRouterRecord;
