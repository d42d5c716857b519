import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "./client.ts";
import { DataError, invalidField, notFound } from "./errors.ts";

/** Keys are stored as SHA-256 hashes: they are random 32-byte secrets, so a slow hash adds nothing. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** `last_used_at` is written at most this often per key: a busy key must not cost a write per request. */
export const LAST_USED_PRECISION_MS = 60_000;

/** What anyone may see of a key: never its hash, and the key itself only once, when it is created. */
const KEY_VIEW = {
  id: true,
  prefix: true,
  name: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiKeySelect;
export type ApiKeyView = Prisma.ApiKeyGetPayload<{ select: typeof KEY_VIEW }>;

/** A key that authenticated a request: its row (for `touchApiKey`) and its workspace. */
export interface AuthenticatedKey {
  id: string;
  prefix: string;
  lastUsedAt: Date | null;
  workspace: { id: string; name: string };
}

/**
 * The key and workspace a presented API key stands for, or undefined for an unknown or revoked key.
 * Reads the database on every call (nothing is cached), so a revoked key is refused from the next
 * request on.
 */
export async function authenticateApiKey(
  prisma: PrismaClient,
  key: string,
): Promise<AuthenticatedKey | undefined> {
  const row = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    select: {
      id: true,
      prefix: true,
      lastUsedAt: true,
      revokedAt: true,
      workspace: { select: { id: true, name: true } },
    },
  });
  if (!row || row.revokedAt) return undefined;
  return { id: row.id, prefix: row.prefix, lastUsedAt: row.lastUsedAt, workspace: row.workspace };
}

/** True while the key exists and is not revoked: long-lived streams ask again before sending more. */
export async function apiKeyIsLive(prisma: PrismaClient, keyId: string): Promise<boolean> {
  const row = await prisma.apiKey.findUnique({ where: { id: keyId }, select: { revokedAt: true } });
  return !!row && !row.revokedAt;
}

/**
 * Records that a key was just used, at most once a minute: nothing is sent when the `lastUsedAt`
 * authentication read is recent, and the update's own condition settles concurrent requests (of
 * any process) so that one of them writes. Resolves to whether it wrote.
 *
 * @example
 * touchApiKey(prisma, key).catch((error) => log({ level: "error", msg: "…", error: String(error) }));
 */
export async function touchApiKey(
  prisma: PrismaClient,
  key: Pick<AuthenticatedKey, "id" | "lastUsedAt">,
  now: Date = new Date(),
): Promise<boolean> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_PRECISION_MS) return false;
  const written = await prisma.$executeRaw`
    UPDATE api_keys SET last_used_at = now()
    WHERE id = ${key.id}::uuid
      AND (last_used_at IS NULL OR last_used_at < now() - ${LAST_USED_PRECISION_MS}::int * interval '1 millisecond')`;
  return written > 0;
}

/** A workspace's keys, revoked ones included, newest first. */
export function listApiKeys(prisma: PrismaClient, workspaceId: string): Promise<ApiKeyView[]> {
  return prisma.apiKey.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: KEY_VIEW,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes one of a workspace's keys, named by its id or its prefix; it answers 401 from the next
 * request on. Another workspace's key is not found, exactly as a key that does not exist. Revoking
 * a revoked key changes nothing (`alreadyRevoked`). `by`, the key making the request, may not revoke
 * itself: through the API a workspace always keeps the key it called with.
 *
 * @example
 * await revokeApiKey(prisma, workspace.id, "tta_Ab12Cd"); // by prefix, as the CLI lists it
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  workspaceId: string,
  ref: string,
  options: { by?: string } = {},
): Promise<{ key: ApiKeyView; alreadyRevoked: boolean }> {
  const matches = await prisma.apiKey.findMany({
    where: { workspaceId, ...(UUID.test(ref) ? { id: ref } : { prefix: ref }) },
    select: { id: true },
    take: 2,
  });
  const [match] = matches;
  if (!match) throw notFound("API key", ref);
  if (matches.length > 1)
    throw new DataError("conflict", `More than one API key has the prefix '${ref}': revoke it by id`);
  if (match.id === options.by)
    throw invalidField("keyId", "a key cannot revoke itself: revoke it with another key, or from the CLI");
  const { count } = await prisma.apiKey.updateMany({
    where: { id: match.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const key = await prisma.apiKey.findUniqueOrThrow({ where: { id: match.id }, select: KEY_VIEW });
  return { key, alreadyRevoked: count === 0 };
}
