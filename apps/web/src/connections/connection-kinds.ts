import type { RouterOutputs } from "../api/trpc.ts";

export type Connection = RouterOutputs["connections"]["list"][number];
export type ConnectionKind = Connection["kind"];

/** Each kind of connection as the Connections page introduces it: what it is and what it unlocks. */
export const CONNECTION_KINDS: readonly { kind: ConnectionKind; title: string; unlocks: string }[] = [
  {
    kind: "creator",
    title: "Creator account",
    unlocks:
      "Profile and video list with views, likes, comments and shares (Display API). No watch time or traffic sources: reports say so.",
  },
  {
    kind: "business",
    title: "Business account",
    unlocks:
      "Profile, follower history and videos with reach, watch time, full-watch rate and impression sources (TikTok Accounts API).",
  },
  {
    kind: "advertiser",
    title: "Advertiser",
    unlocks:
      "Campaign reports for the post-launch loop, and campaigns created disabled, only as a person approved them (Marketing API).",
  },
];

export function kindTitle(kind: ConnectionKind): string {
  return CONNECTION_KINDS.find((k) => k.kind === kind)?.title ?? kind;
}

/** How a connection is named on the page: its handle, or for an advertiser its advertiser ids. */
export function connectionName(connection: Connection): string {
  if (connection.handle) return `@${connection.handle}`;
  if (connection.advertiserIds.length > 0) return `advertiser ${connection.advertiserIds.join(", ")}`;
  return connection.displayName ?? kindTitle(connection.kind);
}
