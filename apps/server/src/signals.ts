const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Copies of one signal arrive within milliseconds: Ctrl-C (or `kill -TERM -<group>`) reaches every
 * process of the group, and npm, pnpm and scripts/pnpm.mjs each pass it on to their child as well.
 */
const ECHO_MS = 1000;

/**
 * Calls `onSignal` on SIGINT, SIGTERM or SIGHUP, once per request to stop: the copies that arrive
 * within a second of a signal are the same request. A signal sent later is a new one (a second
 * Ctrl-C: stop now). Returns a function that removes the listeners.
 *
 * @example
 * onStopSignal((signal) => void server.stop());
 */
export function onStopSignal(onSignal: (signal: (typeof STOP_SIGNALS)[number]) => void): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const listeners = STOP_SIGNALS.map((signal) => {
    const listener = () => {
      if (Date.now() - last < ECHO_MS) return;
      last = Date.now();
      onSignal(signal);
    };
    process.on(signal, listener);
    return () => process.off(signal, listener);
  });
  return () => {
    for (const off of listeners) off();
  };
}
