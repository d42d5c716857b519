import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { DEFAULT_MAX_BATCH_SIZE } from "@tiktok-army/core/model";
import { httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createContext, type ReactNode, useContext, useState } from "react";
import { errorCode } from "./api-error.ts";
import type { Session } from "./session.ts";
import { trpc } from "./trpc.ts";

const NO_RETRY = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT"]);

/**
 * A local session's cookie goes stale when the server starts over with another key (a new data
 * directory): on UNAUTHORIZED, ask for the session again, at most every 10 s, and refetch.
 */
function renewLocalSession(session: Session, getClient: () => QueryClient) {
  let lastTry = 0;
  return (error: unknown) => {
    if (session.kind !== "local" || errorCode(error) !== "UNAUTHORIZED") return;
    if (Date.now() - lastTry < 10_000) return;
    lastTry = Date.now();
    void fetch("/api/session", { credentials: "same-origin" })
      .then((response) => {
        if (response.ok) void getClient().invalidateQueries();
      })
      .catch(() => {});
  };
}

function createQueryClient(session: Session) {
  const onError = renewLocalSession(session, () => client);
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // Asking again will not change a refusal.
        retry: (count, error) => !NO_RETRY.has(errorCode(error) ?? "") && count < 2,
      },
    },
  });
  return client;
}

/**
 * Subscriptions go over Server-Sent Events (the browser sends the session cookie with them; they
 * cannot carry a header), everything else over batched HTTP. With a pasted key, queries and
 * mutations send it as a Bearer header.
 */
function createApiClient(session: Session) {
  const headers = session.kind === "key" ? { authorization: `Bearer ${session.apiKey}` } : undefined;
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/trpc" }),
        false: httpBatchLink({ url: "/trpc", headers, maxItems: DEFAULT_MAX_BATCH_SIZE }),
      }),
    ],
  });
}

const SessionContext = createContext<Session | null>(null);

/** The session the API calls run under. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <ApiProvider>");
  return session;
}

/** True when the run page can stream events (the cookie session); else it polls. */
export function useLiveUpdates(): boolean {
  return useSession().kind === "local";
}

export function ApiProvider({ session, children }: { session: Session; children: ReactNode }) {
  const [queryClient] = useState(() => createQueryClient(session));
  const [client] = useState(() => createApiClient(session));
  return (
    <SessionContext.Provider value={session}>
      <trpc.Provider client={client} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </trpc.Provider>
    </SessionContext.Provider>
  );
}
