import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { authenticateApiKey, createWorkspaceWithKey, type PrismaClient } from "@tiktok-army/db";

export interface LocalKey {
  apiKey: string;
  workspace: { id: string; name: string };
  /** True when this call made the key (first start, or the stored one no longer works). */
  created: boolean;
}

/**
 * The API key of the default set-up's workspace, kept in `file` (mode 0600) so every start of the
 * server uses the same one. A missing file, or a key the database does not know (a fresh database,
 * a revoked key, another workspace), gets a new key, creating the workspace if needed.
 *
 * @example
 * const { apiKey } = await ensureLocalKey(prisma, { workspace: "local", file: ".data/local-api-key" });
 */
export async function ensureLocalKey(
  prisma: PrismaClient,
  options: { workspace: string; file: string },
): Promise<LocalKey> {
  const stored = await readKey(options.file);
  if (stored) {
    const workspace = (await authenticateApiKey(prisma, stored))?.workspace;
    if (workspace?.name === options.workspace) {
      return { apiKey: stored, workspace: { id: workspace.id, name: workspace.name }, created: false };
    }
  }
  const { workspace, apiKey } = await createWorkspaceWithKey(prisma, options.workspace, "local");
  await writeKey(options.file, apiKey);
  return { apiKey, workspace: { id: workspace.id, name: workspace.name }, created: true };
}

async function readKey(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, "utf8")).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

// Written to a temporary file then renamed, so a crash never leaves half a key; the mode is set
// before the key is in it.
async function writeKey(file: string, key: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, "", { mode: 0o600 });
  await chmod(temporary, 0o600);
  await writeFile(temporary, `${key}\n`);
  await rename(temporary, file);
}
