// `pnpm tiktok-army keys create --workspace <name>`: prints a new API key (and nothing else) on
// stdout, so `KEY=$(pnpm -s tiktok-army keys create --workspace acme)` works; the rest goes to stderr:
// messages for the person at the terminal as plain text, the database's log lines through the logger.
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createPrismaClient,
  createWorkspaceWithKey,
  DataFolderInUseError,
  openDatabase,
} from "@tiktok-army/db";
import { createLogger, secretValues } from "@tiktok-army/db/logger";
import { z } from "zod";
import { storageConfigFromEnv } from "./config.ts";

const USAGE = `usage: tiktok-army keys create --workspace <name>

Creates the workspace if it does not exist and prints a new API key for it.
The database is DATABASE_URL's, else the embedded one in DATA_DIR (default .data).`;

const info = (message: string) => process.stderr.write(`${message}\n`);
const logger = createLogger({ fd: 2, secrets: secretValues({ databaseUrl: process.env.DATABASE_URL }) });

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseCommandLine(argv);
  if (values.help) {
    info(USAGE);
    return;
  }
  if (positionals.join(" ") !== "keys create")
    throw new UsageError(`unknown command: ${positionals.join(" ")}`);
  const name = values.workspace?.trim();
  if (!name) throw new UsageError("--workspace <name> is required");
  if (name.length > 100) throw new UsageError("--workspace: at most 100 characters");

  const storage = storageConfigFromEnv(process.env);
  logger.level = storage.logLevel;
  const database = await openDatabase({
    env: { DATABASE_URL: storage.databaseUrl },
    dataDir: path.join(storage.dataDir, "pg"),
    port: storage.embeddedPgPort,
    log: (msg) => logger.info(msg),
  }).catch((error: unknown) => {
    // One embedded PostgreSQL per data folder: say what to do instead.
    if (!(error instanceof DataFolderInUseError)) throw error;
    throw new Error(
      `${error.message}, most likely by a running \`npm start\`. Stop the server (Ctrl-C) and run this ` +
        "again, or point DATABASE_URL at a PostgreSQL server that both use.",
    );
  });
  const prisma = createPrismaClient(database.url);
  try {
    const existed = (await prisma.workspace.findUnique({ where: { name } })) !== null;
    const { workspace, apiKey } = await createWorkspaceWithKey(prisma, name, "cli");
    info(`${existed ? "workspace" : "created workspace"} ${workspace.name} (${workspace.id}): new API key`);
    process.stdout.write(`${apiKey}\n`);
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { workspace: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    info(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const message =
    error instanceof z.ZodError
      ? z.prettifyError(error)
      : error instanceof Error
        ? error.message
        : String(error);
  info(`tiktok-army: ${message}`);
  process.exit(1);
}
