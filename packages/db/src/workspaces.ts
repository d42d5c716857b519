import { randomBytes, randomUUID } from "node:crypto";
import { hashApiKey } from "./api-keys.ts";
import type { PrismaClient } from "./client.ts";

/**
 * Creates a workspace (or finds it by name) and a new API key for it; the key is shown only here:
 * the database keeps its hash, and lists show its `prefix`.
 */
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
