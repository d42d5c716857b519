import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A setting on the command line of every PostgreSQL server we start: the pid of the process that
 * started it. It tells, later, whether a server still running on the folder was left behind.
 */
export const OWNER_SETTING = "tiktok_army.owner_pid";

/** How long a left-behind server gets to stop (a fast shutdown: connections cut, one checkpoint). */
const LEFTOVER_STOP_MS = 30_000;

/** Another live process (most likely a PostgreSQL server of a running start) holds the data folder. */
export class DataFolderInUseError extends Error {
  override readonly name = "DataFolderInUseError";
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    /** Its command line, where /proc tells it. */
    readonly command: string | undefined,
  ) {
    super(
      `the PostgreSQL data folder ${dataDir} is in use by process ${pid}${command ? ` (${command})` : ""}`,
    );
  }
}

/**
 * Makes the PostgreSQL data folder `dataDir` free for a new server, or throws DataFolderInUseError.
 *
 * PostgreSQL refuses to start while `postmaster.pid` names a live process. After a SIGKILL:
 * - of the whole process group, the file names a process that is gone, a zombie (a container's init
 *   may reap nothing), or, after a restart, another program that got the same pid: it is removed;
 * - of the Node process only, its PostgreSQL keeps running: as the process that started it (its
 *   OWNER_SETTING) is gone, it is stopped.
 * A PostgreSQL whose owner runs (or is unknown) holds the folder.
 *
 * @example
 * await releaseDataFolder(".data/pg", console.info);
 */
export async function releaseDataFolder(dataDir: string, log?: (msg: string) => void): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  const text = await readFile(lockFile, "utf8").catch(() => undefined);
  if (text === undefined) return;
  const pid = Number(text.split("\n")[0]);
  const holder = await postgresProcess(pid);
  if (holder === undefined) {
    await rm(lockFile, { force: true });
    log?.(`removed the lock file of a PostgreSQL server that is gone (pid ${pid}) in ${dataDir}`);
    return;
  }
  const ownerArg = holder.command?.split(" ").find((arg) => arg.startsWith(`${OWNER_SETTING}=`));
  const owner = Number(ownerArg?.slice(OWNER_SETTING.length + 1));
  if (!owner || (await isRunning(owner))) throw new DataFolderInUseError(dataDir, pid, holder.command);

  log?.(
    `stopping the PostgreSQL server (pid ${pid}) that process ${owner}, now gone, left running in ${dataDir}`,
  );
  try {
    process.kill(pid, "SIGINT");
  } catch {
    throw new DataFolderInUseError(dataDir, pid, holder.command);
  }
  // It removes its lock file last thing before it exits.
  const deadline = Date.now() + LEFTOVER_STOP_MS;
  while (existsSync(lockFile) && (await isRunning(pid))) {
    if (Date.now() > deadline) throw new DataFolderInUseError(dataDir, pid, holder.command);
    await sleep(50);
  }
  await rm(lockFile, { force: true });
}

/** The running `postgres` process `pid`, with its command line when /proc tells it. */
async function postgresProcess(pid: number): Promise<{ command: string | undefined } | undefined> {
  if (!(await isRunning(pid))) return undefined;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  // No /proc (macOS): assume it is one, as PostgreSQL itself would.
  if (cmdline === undefined) return { command: undefined };
  const args = cmdline.split("\0").filter(Boolean);
  if (path.basename(args[0] ?? "") !== "postgres") return undefined;
  return { command: args.join(" ") };
}

/** Whether process `pid` exists and is not a zombie (dead, waiting for a parent that never reaps it). */
async function isRunning(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (e.g. the `postgres` user, when we are not root).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // `pid (name) state ...`; the name may hold spaces and parentheses.
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}
