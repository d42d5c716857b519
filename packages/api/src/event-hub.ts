import { RUN_EVENTS_CHANNEL } from "@tiktok-army/db";
import pg from "pg";

/** A wake-up source for one subscriber: `wait()` resolves after the next change of its run. */
export interface RunWatch {
  wait(): Promise<void>;
  /**
   * The run's events after `afterId`. Subscribers woken by the same change share one query: with
   * a hundred people watching a run, a step's completion costs one read, not a hundred.
   */
  read<E extends { id: number }>(afterId: number, load: (afterId: number) => Promise<E[]>): Promise<E[]>;
  close(): void;
}

interface SharedRead {
  /** The run's change count when the query started: it sees every change up to that one. */
  generation: number;
  afterId: number;
  rows: Promise<{ id: number }[]>;
}

/**
 * Fans PostgreSQL NOTIFYs about run events out to this process's subscribers. Every process that
 * commits run events notifies, so events from worker processes on other machines reach every API
 * process. A notification only says "look again"; the events themselves are read from run_events.
 */
export class RunEventHub {
  readonly #watchers = new Map<string, Set<() => void>>();
  /** Notifications received per run; NOTIFY is delivered after commit, so a read started later sees them. */
  readonly #generations = new Map<string, number>();
  readonly #reads = new Map<string, SharedRead>();
  #client: pg.Client | undefined;
  #stopped = false;
  #reconnecting = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: (entry: Record<string, unknown>) => void = () => {},
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (message) => this.#notify(message.payload ?? ""));
    client.on("error", (error) => {
      this.log({ level: "error", msg: "event hub connection lost", error: error.message });
      void this.#reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${RUN_EVENTS_CHANNEL}`);
    this.#client = client;
  }

  /** Once stopped, subscriptions end instead of waiting. */
  get stopped(): boolean {
    return this.#stopped;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#client?.end().catch(() => {});
    for (const set of this.#watchers.values()) for (const wake of set) wake();
  }

  /** Subscribe before reading the backlog, so a change between the two is never missed. */
  watch(runId: string): RunWatch {
    let pending = false;
    let resolve: (() => void) | undefined;
    const wake = () => {
      if (resolve) {
        resolve();
        resolve = undefined;
      } else pending = true;
    };
    const set = this.#watchers.get(runId) ?? new Set();
    set.add(wake);
    this.#watchers.set(runId, set);
    // The change this subscriber has been told about; a shared read must have started after it. The
    // first read (the backlog) is always the subscriber's own: a read already in flight may predate it.
    let seen = Number.POSITIVE_INFINITY;
    return {
      wait: async () => {
        if (pending || this.#stopped) pending = false;
        else
          await new Promise<void>((r) => {
            resolve = r;
          });
        seen = this.#generations.get(runId) ?? 0;
      },
      read: async <E extends { id: number }>(afterId: number, load: (afterId: number) => Promise<E[]>) => {
        let shared = this.#reads.get(runId);
        if (!shared || shared.generation < seen || shared.afterId > afterId) {
          const read: SharedRead = {
            generation: this.#generations.get(runId) ?? 0,
            afterId,
            rows: load(afterId),
          };
          this.#reads.set(runId, read);
          read.rows
            .finally(() => this.#reads.get(runId) === read && this.#reads.delete(runId))
            .catch(() => {});
          shared = read;
        }
        return ((await shared.rows) as E[]).filter((e) => e.id > afterId);
      },
      close: () => {
        set.delete(wake);
        // Generations stay: they must only ever grow for the shared-read rule to hold.
        if (set.size === 0) this.#watchers.delete(runId);
        wake();
      },
    };
  }

  #notify(runId: string) {
    this.#generations.set(runId, (this.#generations.get(runId) ?? 0) + 1);
    for (const wake of this.#watchers.get(runId) ?? []) wake();
  }

  async #reconnect() {
    if (this.#reconnecting) return;
    this.#reconnecting = true;
    const lost = this.#client;
    this.#client = undefined;
    await lost?.end().catch(() => {});
    for (let delay = 100; !this.#stopped; delay = Math.min(delay * 2, 5000)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        await this.start();
        // stop() ran while we were connecting: it could not close this client.
        if (this.#stopped) await (this.#client as pg.Client | undefined)?.end().catch(() => {});
        // Notifications sent while disconnected are lost: count a change for every run (so no
        // shared read from before the outage is reused) and have every subscriber look again.
        for (const runId of this.#watchers.keys()) this.#notify(runId);
        this.log({ level: "info", msg: "event hub reconnected" });
        break;
      } catch {
        // try again
      }
    }
    this.#reconnecting = false;
  }
}
