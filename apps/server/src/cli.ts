// `npm run -s tiktok-army -- keys <create|list|revoke> ...` from the repository root (with pnpm
// installed, `pnpm tiktok-army keys ...` too). `keys create` prints a new API key (and nothing else) on
// stdout, so `KEY=$(npm run -s tiktok-army -- keys create --workspace acme)` works (`-s` keeps npm's
// own lines out of it); `keys list` prints its table there. The rest goes to stderr: messages for the
// person at the terminal as plain text, the database's log lines through the logger.
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient, DataFolderInUseError, openDatabase } from "@tiktok-army/db";
import { createLogger, secretRedactor, secretValues } from "@tiktok-army/db/logger";
import { z } from "zod";
import { storageConfigFromEnv } from "./config.ts";
import { KEY_COMMANDS, type KeyCommand, runKeyCommand } from "./key-commands.ts";

const USAGE = `usage: tiktok-army keys create --workspace <name>
       tiktok-army keys list --workspace <name>
       tiktok-army keys revoke <id-or-prefix> --workspace <name>

create  creates the workspace if it does not exist and prints a new API key for it
        (only then: the database keeps its hash, lists show its prefix)
list    the workspace's keys: id, prefix, name, created, last used (to the minute), revoked
revoke  revokes one of the workspace's keys: it answers 401 from its next request on

From the repository root: npm run -s tiktok-army -- keys list --workspace <name>
The database is DATABASE_URL's, else the embedded one in DATA_DIR (default .data).`;

const secrets = secretValues({ databaseUrl: process.env.DATABASE_URL });
// Plain messages are redacted as the log lines are: a database error may quote the connection string.
const redact = secretRedactor(secrets);
const info = (message: string) => process.stderr.write(`${redact.text(message)}\n`);
const logger = createLogger({ fd: 2, secrets });

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseCommandLine(argv);
  if (values.help) {
    info(USAGE);
    return;
  }
  const [group, command, ref, ...extra] = positionals;
  if (group !== "keys" || !KEY_COMMANDS.includes(command as KeyCommand))
    throw new UsageError(`unknown command: ${positionals.join(" ")}`);
  if (command === "revoke" ? !ref || extra.length > 0 : ref !== undefined)
    throw new UsageError(
      command === "revoke" ? "keys revoke takes one key: its id or prefix" : `unexpected argument: ${ref}`,
    );
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
    await runKeyCommand(
      prisma,
      command as KeyCommand,
      { workspace: name, ref },
      { out: (text) => process.stdout.write(text), info },
    );
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
