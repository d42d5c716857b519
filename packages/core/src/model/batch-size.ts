/**
 * The most procedures one batched API request may call, unless the server's `MAX_BATCH_SIZE` says
 * otherwise. The dashboard and the Node client split their batches at this size, so that a page or
 * a `Promise.all` of many calls is never refused for it.
 */
export const DEFAULT_MAX_BATCH_SIZE = 20;
