import { useState } from "react";
import { useSearchParams } from "react-router";
import { trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { formatDateTime } from "../format.ts";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";
import {
  CONNECTION_KINDS,
  type Connection,
  type ConnectionKind,
  connectionName,
  kindTitle,
} from "./connection-kinds.ts";

/** The workspace's TikTok connections: connect each kind, see which work, reconnect, disconnect. */
export function ConnectionsPage() {
  usePageTitle("Connections");
  const status = trpc.connections.status.useQuery();
  const list = trpc.connections.list.useQuery();
  const [params] = useSearchParams();
  const connected = params.get("connected");

  return (
    <section className="page" aria-labelledby="connections-title">
      <h1 id="connections-title">Connections</h1>
      <p className="lede">
        The TikTok accounts and advertisers runs read from. Tokens stay on the server, encrypted; this page
        never sees them.
      </p>
      {connected && (
        <div className="notice notice-success" role="status" data-testid="connected-notice">
          Connected: {kindTitle(connected as ConnectionKind)}. Runs about its handle now read TikTok's data.
        </div>
      )}
      {status.data && !status.data.configured && <NoTikTokApp />}
      {status.error && <ErrorNotice>Could not load the TikTok settings: {status.error.message}</ErrorNotice>}
      <NeedsReauth connections={list.data ?? []} />
      <ul className="card-grid">
        {CONNECTION_KINDS.map((k) => (
          <li key={k.kind} className="card" data-testid={`connection-kind-${k.kind}`}>
            <h2>{k.title}</h2>
            <p>{k.unlocks}</p>
            <div className="card-actions">
              <ConnectButton kind={k.kind} available={status.data?.kinds.includes(k.kind) ?? false} />
            </div>
          </li>
        ))}
      </ul>
      <h2>Connected</h2>
      {list.isPending ? (
        <Loading what="connections" />
      ) : list.error ? (
        <ErrorNotice>Could not load the connections: {list.error.message}</ErrorNotice>
      ) : list.data.length === 0 ? (
        <InfoNotice>Nothing is connected yet.</InfoNotice>
      ) : (
        <ul className="stack plain-list">
          {list.data.map((c) => (
            <ConnectionItem
              key={c.id}
              connection={c}
              canConnect={status.data?.kinds.includes(c.kind) ?? false}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoTikTokApp() {
  return (
    <div className="notice notice-warning" role="status" data-testid="no-tiktok-app">
      No TikTok app is configured on this server, so every run reads <strong>demo data</strong>: invented
      accounts from the offline provider. To connect real accounts, register an app with TikTok and set{" "}
      <code>TIKTOK_CLIENT_KEY</code> / <code>TIKTOK_CLIENT_SECRET</code> (creators) or{" "}
      <code>TIKTOK_BUSINESS_APP_ID</code> / <code>TIKTOK_BUSINESS_SECRET</code> (business accounts and
      advertisers), <code>TIKTOK_REDIRECT_BASE_URL</code> and <code>TOKEN_ENCRYPTION_KEY</code>: see{" "}
      <code>docs/tiktok.md</code>. To try it without an app, start the server with{" "}
      <code>TIKTOK_SANDBOX=1</code>.
    </div>
  );
}

function NeedsReauth({ connections }: { connections: readonly Connection[] }) {
  const broken = connections.filter((c) => c.status === "needs_reauth");
  if (broken.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert" data-testid="needs-reauth">
      TikTok no longer accepts {broken.map(connectionName).join(", ")}: runs that need{" "}
      {broken.length === 1 ? "it" : "them"} fail until you reconnect. Use Reconnect below.
    </div>
  );
}

/** Asks the server for TikTok's consent page, then goes there (TikTok sends the browser back). */
function ConnectButton({
  kind,
  available,
  label,
}: {
  kind: ConnectionKind;
  available: boolean;
  label?: string;
}) {
  const connect = trpc.connections.connect.useMutation({
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        disabled={!available || connect.isPending || connect.isSuccess}
        title={available ? undefined : "This server's TikTok app cannot connect this kind"}
        onClick={() => connect.mutate({ kind })}
      >
        {connect.isPending || connect.isSuccess ? "Opening TikTok…" : (label ?? "Connect")}
      </button>
      {connect.error && <ErrorNotice>Could not start connecting: {connect.error.message}</ErrorNotice>}
    </>
  );
}

function ConnectionItem({ connection: c, canConnect }: { connection: Connection; canConnect: boolean }) {
  const needsReauth = c.status === "needs_reauth";
  return (
    <li className="card" data-testid="connection" data-status={c.status}>
      <div className="approval-card-head">
        <h3>
          {connectionName(c)}
          {c.displayName && c.handle && <span className="muted"> · {c.displayName}</span>}
        </h3>
        <span className="pill" data-status={needsReauth ? "failed" : "succeeded"}>
          {needsReauth ? "Needs reconnecting" : "Active"}
        </span>
      </div>
      <p className="muted">
        {kindTitle(c.kind)} · connected {formatDateTime(c.createdAt)}
        {c.accessExpiresAt && ` · token renews before ${formatDateTime(c.accessExpiresAt)}`}
        {c.refreshExpiresAt && ` · reconnect by ${formatDateTime(c.refreshExpiresAt)}`}
      </p>
      {c.scopes.length > 0 && (
        <p className="muted">
          Scopes: <span className="mono">{c.scopes.join(", ")}</span>
        </p>
      )}
      {needsReauth && c.lastError && <p className="text-error">{c.lastError}</p>}
      <div className="actions">
        {needsReauth && <ConnectButton kind={c.kind} available={canConnect} label="Reconnect" />}
        <DisconnectButton connection={c} />
      </div>
    </li>
  );
}

function DisconnectButton({ connection }: { connection: Connection }) {
  const [confirming, setConfirming] = useState(false);
  const utils = trpc.useUtils();
  const disconnect = trpc.connections.disconnect.useMutation({
    onSuccess: () => utils.connections.list.invalidate(),
  });
  if (disconnect.data && !disconnect.data.revoked)
    return (
      <InfoNotice>
        Disconnected; TikTok did not confirm revoking access. Remove the app in the account's TikTok settings
        too.
      </InfoNotice>
    );
  if (!confirming)
    return (
      <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
        Disconnect
      </button>
    );
  return (
    <div className="inline-action" data-testid="disconnect-confirm">
      <span>
        Disconnect {connectionName(connection)}? TikTok is asked to revoke access and the tokens are deleted.
      </span>
      <button
        type="button"
        className="button button-danger"
        disabled={disconnect.isPending}
        onClick={() => disconnect.mutate({ id: connection.id })}
      >
        Yes, disconnect
      </button>
      <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {disconnect.error && <ErrorNotice>Could not disconnect: {disconnect.error.message}</ErrorNotice>}
    </div>
  );
}
