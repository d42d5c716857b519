import { trpc } from "../api/trpc.ts";
import { type TikTokAccountsView, tiktokAccountsView } from "../ui/tiktok-accounts-badge.tsx";

/**
 * The workspace's connected TikTok accounts for the header: undefined when the server has no TikTok
 * app (runs read offline data), `loading` until it says. Polled, so a connection whose refresh failed
 * shows up as "reconnect needed" without a reload.
 */
export function useTikTokAccounts(): TikTokAccountsView | "loading" | undefined {
  const status = trpc.connections.status.useQuery(undefined, { staleTime: 60_000 });
  const configured = status.data?.configured === true;
  const list = trpc.connections.list.useQuery(undefined, { enabled: configured, refetchInterval: 30_000 });
  if (status.isPending) return "loading";
  if (!configured) return undefined;
  if (!list.data) return "loading";
  return tiktokAccountsView(list.data);
}
