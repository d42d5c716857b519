import { Link } from "react-router";

/** What the header needs of a connection (the API's `connections.list` gives more). */
export interface ConnectionSummaryInput {
  kind: "creator" | "business" | "advertiser";
  handle: string | null;
  status: string;
  advertiserIds: readonly string[];
}

export interface TikTokAccountsView {
  /** `@handle`, `2 TikTok accounts` or `no TikTok account connected`. */
  label: string;
  /** Every connection, for the badge's tooltip. */
  title: string;
  /** Some connection's refresh failed: it needs connecting again before runs can read it. */
  needsReauth: boolean;
}

/**
 * The header's summary of the workspace's connections: the accounts runs read from (creator and
 * business connections, one per handle) and whether any connection needs reconnecting.
 * @example
 * tiktokAccountsView([{ kind: "business", handle: "lakucosmetics", status: "active", advertiserIds: [] }]);
 * // { label: "@lakucosmetics", title: "Business account @lakucosmetics", needsReauth: false }
 */
export function tiktokAccountsView(connections: readonly ConnectionSummaryInput[]): TikTokAccountsView {
  const handles = [
    ...new Set(connections.filter((c) => c.kind !== "advertiser" && c.handle).map((c) => c.handle)),
  ];
  const label =
    handles.length === 1
      ? `@${handles[0]}`
      : handles.length > 1
        ? `${handles.length} TikTok accounts`
        : "no TikTok account connected";
  const title =
    connections.length === 0
      ? "No TikTok connection yet: connect one on the Connections page"
      : connections.map(describe).join("; ");
  return { label, title, needsReauth: connections.some((c) => c.status === "needs_reauth") };
}

const KIND = { creator: "Creator account", business: "Business account", advertiser: "Advertiser" } as const;

function describe(c: ConnectionSummaryInput): string {
  const name = c.handle ? `@${c.handle}` : c.advertiserIds.join(", ");
  return `${KIND[c.kind]} ${name}${c.status === "needs_reauth" ? " (reconnect needed)" : ""}`.trim();
}

/** The connected accounts beside the mode, and a "reconnect needed" link when a connection stopped working. */
export function TikTokAccountsBadge({ view }: { view: TikTokAccountsView }) {
  return (
    <>
      <Link
        to="/connections"
        className="source-badge"
        data-source="tiktok"
        data-testid="server-data-source"
        title={view.title}
      >
        {view.label}
      </Link>
      {view.needsReauth && (
        <Link
          to="/connections"
          className="source-badge"
          data-source="needs-reauth"
          data-testid="reconnect-needed"
          title="A connection's token could not be refreshed: connect it again on the Connections page"
        >
          reconnect needed
        </Link>
      )}
    </>
  );
}
