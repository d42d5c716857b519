import { type ApiKeyView, listApiKeys, revokeApiKey } from "@tiktok-army/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { keyIdSchema } from "../inputs.ts";
import { protectedProcedure } from "../trpc.ts";

/** A key as lists show it: its prefix, never the key (shown once, when it is created) nor its hash. */
const keyView = (key: ApiKeyView, callerKeyId: string) => ({
  id: key.id,
  prefix: key.prefix,
  name: key.name,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  revokedAt: key.revokedAt?.toISOString() ?? null,
  /** The key this request was made with. */
  current: key.id === callerKeyId,
});

/**
 * The workspace's API keys. There are no roles yet, so any key of the workspace may list and revoke
 * them (the people and roles work is to keep both to admins). Keys are created from the CLI.
 */
export const keysRouter = {
  /** Every key of the workspace, revoked ones included, newest first; `lastUsedAt` is accurate to a minute. */
  list: protectedProcedure.query(async ({ ctx }) =>
    (await listApiKeys(ctx.deps.engine.prisma, ctx.workspace.id)).map((key) => keyView(key, ctx.apiKey.id)),
  ),
  /**
   * Revokes a key of the workspace: from its next request on it answers UNAUTHORIZED, and its open
   * event streams end. Revoking a revoked key changes nothing. A key cannot revoke itself
   * (BAD_REQUEST): the caller's key stays, so a workspace cannot lock itself out through the API.
   */
  revoke: protectedProcedure.input(z.object({ keyId: keyIdSchema })).mutation(async ({ ctx, input }) => {
    const { key } = await revokeApiKey(ctx.deps.engine.prisma, ctx.workspace.id, input.keyId, {
      by: ctx.apiKey.id,
    });
    return keyView(key, ctx.apiKey.id);
  }),
} satisfies TRPCRouterRecord;
