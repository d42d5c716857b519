import {
  type ApiKeyView,
  createWorkspaceWithKey,
  DataError,
  listApiKeys,
  type PrismaClient,
  revokeApiKey,
} from "@tiktok-army/db";

/** Where a command writes: `out` is its result (stdout, for scripts), `info` a message for the person (stderr). */
export interface CommandOutput {
  out: (text: string) => void;
  info: (message: string) => void;
}

export const KEY_COMMANDS = ["create", "list", "revoke"] as const;
export type KeyCommand = (typeof KEY_COMMANDS)[number];

/**
 * `keys create`: the workspace (made if missing) gets a new key, printed once and never again.
 * `keys list`: the workspace's keys as a table. `keys revoke <id-or-prefix>`: refused from its next request on.
 */
export async function runKeyCommand(
  prisma: PrismaClient,
  command: KeyCommand,
  args: { workspace: string; ref?: string },
  io: CommandOutput,
): Promise<void> {
  if (command === "create") {
    const existed = (await prisma.workspace.findUnique({ where: { name: args.workspace } })) !== null;
    const { workspace, apiKey } = await createWorkspaceWithKey(prisma, args.workspace, "cli");
    io.info(
      `${existed ? "workspace" : "created workspace"} ${workspace.name} (${workspace.id}): new API key`,
    );
    io.out(`${apiKey}\n`);
    return;
  }
  const workspace = await prisma.workspace.findUnique({ where: { name: args.workspace } });
  if (!workspace) throw new Error(`no workspace named '${args.workspace}'`);
  if (command === "list") {
    const keys = await listApiKeys(prisma, workspace.id);
    if (keys.length === 0) io.info(`workspace ${workspace.name} has no keys`);
    else io.out(keyTable(keys));
    return;
  }
  const ref = args.ref ?? "";
  const { key, alreadyRevoked } = await revokeApiKey(prisma, workspace.id, ref).catch((error: unknown) => {
    if (error instanceof DataError && error.code === "not_found")
      throw new Error(`workspace ${workspace.name} has no API key '${ref}' (give its id or prefix)`);
    throw error;
  });
  const which = `key ${key.prefix} (${key.name}, ${key.id}) of workspace ${workspace.name}`;
  io.info(
    alreadyRevoked
      ? `${which} was already revoked at ${time(key.revokedAt)}`
      : `revoked ${which}: it is refused from its next request on`,
  );
}

/** Aligned columns with a header; times in UTC, to the second. */
export function keyTable(keys: readonly ApiKeyView[]): string {
  const rows = [
    ["ID", "PREFIX", "NAME", "CREATED (UTC)", "LAST USED (UTC)", "REVOKED (UTC)"],
    ...keys.map((k) => [
      k.id,
      k.prefix,
      k.name,
      time(k.createdAt),
      time(k.lastUsedAt, "never"),
      time(k.revokedAt, "no"),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ");
  return rows.map((row) => `${line(row).trimEnd()}\n`).join("");
}

function time(date: Date | null, none = "-"): string {
  return date ? date.toISOString().replace("T", " ").slice(0, 19) : none;
}
