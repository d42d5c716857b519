import { RUN_EVENTS_CHANNEL } from "@tiktok-army/db";
import pg from "pg";

/** A wake-up source for one subscriber: `wait()` resolves after the next change of its run. */
export interface RunWatch {
  wait(): Promise<void>;
  close(): void;
}

/**
 * Fans PostgreSQL NOTIFYs about run events out to this process's subscribers. Every process that
 * commits run events notifies, so events from worker processes on other machines reach every API
 * process. A notification only says "look again"; the events themselves are read from run_events.
 */
export class RunEventHub {
  readonly #watchers = new Map<string, Set<() => void>>();
  #client: pg.Client | undefined;
  #stopped = false;

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
    return {
      wait: () => {
        if (pending || this.#stopped) {
          pending = false;
          return Promise.resolve();
        }
        return new Promise<void>((r) => {
          resolve = r;
        });
      },
      close: () => {
        set.delete(wake);
        if (set.size === 0) this.#watchers.delete(runId);
        wake();
      },
    };
  }

  #notify(runId: string) {
    for (const wake of this.#watchers.get(runId) ?? []) wake();
  }

  async #reconnect() {
    this.#client = undefined;
    for (let delay = 100; !this.#stopped; delay = Math.min(delay * 2, 5000)) {
      await new Promise((r) => setTimeout(r, delay));
      try {
        await this.start();
        // Notifications sent while disconnected are lost: have every subscriber look again.
        for (const set of this.#watchers.values()) for (const wake of set) wake();
        this.log({ level: "info", msg: "event hub reconnected" });
        return;
      } catch {
        // try again
      }
    }
  }
}
