import { z } from "zod";
import { startEmbeddedPostgres } from "./embedded.ts";
import { applyMigrations } from "./migrate.ts";

const DatabaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((url) => url || undefined)
    .refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), {
      message: "DATABASE_URL must be a postgresql:// URL",
    }),
});

export interface OpenDatabase {
  url: string;
  /** True when this process started its own embedded server (no DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded server, if any. */
  close(): Promise<void>;
}

/**
 * The database of this process, migrated: `env.DATABASE_URL` when set, otherwise an embedded
 * PostgreSQL server keeping its files in `dataDir`, on `port` (default: any free one).
 *
 * @example
 * const db = await openDatabase({ env: process.env, dataDir: ".data/pg", log: console.info });
 * const prisma = createPrismaClient(db.url);
 * process.on("SIGTERM", () => void db.close());
 */
export async function openDatabase(options: {
  env: Record<string, string | undefined>;
  dataDir: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<OpenDatabase> {
  const { DATABASE_URL } = DatabaseEnv.parse(options.env);
  const migrate = (url: string) => applyMigrations(url, { log: options.log });

  if (DATABASE_URL !== undefined) {
    await migrate(DATABASE_URL);
    return { url: DATABASE_URL, embedded: false, close: async () => {} };
  }

  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.port,
    log: options.log,
  });
  try {
    await migrate(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url, embedded: true, close: () => server.stop() };
}
