import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "./client.ts";

/** Keys are stored as SHA-256 hashes: they are random 32-byte secrets, so a slow hash adds nothing. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Creates a workspace (or finds it by name) and a new API key for it; the key is shown only here. */
export async function createWorkspaceWithKey(prisma: PrismaClient, name: string, keyName = "default") {
  const workspace =
    (await prisma.workspace.findUnique({ where: { name } })) ??
    (await prisma.workspace.create({ data: { id: randomUUID(), name } }));
  const key = `tta_${randomBytes(32).toString("base64url")}`;
  await prisma.apiKey.create({
    data: {
      id: randomUUID(),
      workspaceId: workspace.id,
      name: keyName,
      prefix: key.slice(0, 10),
      hash: hashApiKey(key),
    },
  });
  return { workspace, apiKey: key };
}

/** An API key's id and its workspace, or undefined for an unknown or revoked key. */
export async function findApiKey(prisma: PrismaClient, key: string) {
  const row = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    include: { workspace: true },
  });
  if (!row || row.revokedAt) return undefined;
  return { id: row.id, workspace: row.workspace };
}

/** The workspace an API key belongs to, or undefined for an unknown or revoked key. */
export async function workspaceForKey(prisma: PrismaClient, key: string) {
  return (await findApiKey(prisma, key))?.workspace;
}
