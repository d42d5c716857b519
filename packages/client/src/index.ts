import type { AppRouter } from "@tiktok-army/api";
import { DEFAULT_MAX_BATCH_SIZE } from "@tiktok-army/core/model";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";

export type { AppRouter, RouterInputs, RouterOutputs } from "@tiktok-army/api";

export interface ClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:3001`. */
  url: string;
  /** A workspace API key (`npm run -s tiktok-army -- keys create --workspace <name>`). */
  apiKey: string;
}

/**
 * A typed client of the tiktok-army API for Node services: queries, mutations and the live
 * `runs.events` subscription (Server-Sent Events, resumed from the last event id on reconnect).
 * @example
 * const api = createClient({ url: "http://127.0.0.1:3001", apiKey: process.env.TIKTOK_ARMY_KEY! });
 * const { runId } = await api.workflows.run.mutate({ slug: "profile_audit", handle: "lakucosmetics", targetType: "brand" });
 */
export function createClient(options: ClientOptions) {
  const url = `${options.url.replace(/\/$/, "")}/trpc`;
  const authorization = `Bearer ${options.apiKey}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          // Node has no EventSource; this one can send the key as a header rather than in the URL.
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization } }),
          },
        }),
        // Split at the server's default cap (MAX_BATCH_SIZE), not refused past it.
        false: httpBatchLink({ url, headers: { authorization }, maxItems: DEFAULT_MAX_BATCH_SIZE }),
      }),
    ],
  });
}

export type TikTokArmyClient = ReturnType<typeof createClient>;
