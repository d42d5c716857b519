import { randomBytes } from "node:crypto";
import type { ConnectionKind, createTikTokOAuth, Keyring, TikTokOAuth } from "@tiktok-army/tiktok";
import type { PrismaClient } from "../client.ts";
import type { Log } from "../logger.ts";
import { connectionCredentials } from "./connection-credentials.ts";
import type { ProfileReader } from "./connection-profile.ts";
import { storeConnection } from "./connection-store.ts";
import { type ConnectionView, listConnections } from "./connection-view.ts";
import { disconnectConnection } from "./disconnect.ts";
import { ConnectionError } from "./errors.ts";
import { consumeOAuthState, createOAuthState } from "./oauth-states.ts";

export interface ConnectionsOptions {
  prisma: PrismaClient;
  /** TOKEN_ENCRYPTION_KEY, parsed once (`tokenKeyringFromEnv`). */
  keyring: Keyring;
  oauth: TikTokOAuth;
  /** Who a new creator or business grant belongs to (`tiktokProfileReader`). */
  readProfile: ProfileReader;
  /** Refresh when the stored expiry is closer than this. Default 5 minutes. */
  refreshMarginMs?: number;
  now?: () => Date;
  log?: Log;
}

export type Connections = ReturnType<typeof createConnections>;

/**
 * A workspace's TikTok connections over one TikTok app: connect (state bound to the caller's
 * session, PKCE where the flow takes it), finish the callback, list, credentials per connection,
 * disconnect. Built once at the composition root when a TikTok app is configured.
 * @example
 * const connections = createConnections({ prisma, keyring, oauth, readProfile: tiktokProfileReader(app.urls) });
 * const { authorizeUrl } = await connections.startConnect({ workspaceId, kind: "creator", sessionKeyId });
 */
export function createConnections(options: ConnectionsOptions) {
  const { prisma, keyring, oauth } = options;
  const now = options.now ?? (() => new Date());
  const credentialsFor = (connectionId: string) =>
    connectionCredentials(
      { prisma, keyring, oauth, refreshMarginMs: options.refreshMarginMs, now },
      connectionId,
    );

  return {
    /** The kinds this app can connect. */
    kinds: (): ConnectionKind[] => oauth.kinds(),

    /** The workspace's connections, never a token. */
    list: (workspaceId: string): Promise<ConnectionView[]> => listConnections(prisma, workspaceId),

    /** Records the state, bound to the caller's session, and gives the URL of TikTok's consent page. */
    async startConnect(input: { workspaceId: string; kind: ConnectionKind; sessionKeyId: string }) {
      if (!oauth.kinds().includes(input.kind))
        throw new ConnectionError(
          "kind_unavailable",
          `This server's TikTok app cannot connect a ${input.kind} account.`,
        );
      const codeVerifier = oauth.needsPkce(input.kind) ? randomBytes(48).toString("base64url") : undefined;
      const state = await createOAuthState(prisma, keyring, { ...input, codeVerifier, now: now() });
      return { authorizeUrl: oauth.authorizationUrl(input.kind, { state, codeVerifier }).toString() };
    },

    /**
     * TikTok's redirect back: takes the state once (same session, in time), exchanges the code and
     * stores the connection. Nothing is stored when any of it fails.
     */
    async finishConnect(input: {
      kind: ConnectionKind;
      query: URLSearchParams;
      sessionKeyId: string | undefined;
    }) {
      const state = input.query.get("state");
      if (!state)
        throw new ConnectionError(
          "state_unknown",
          "TikTok's answer carries no state: start again from the Connections page.",
        );
      const consumed = await consumeOAuthState(prisma, keyring, {
        state,
        kind: input.kind,
        sessionKeyId: input.sessionKeyId,
        now: now(),
      });
      const denied = input.query.get("error");
      if (denied)
        throw new ConnectionError(
          "authorization_denied",
          `TikTok did not authorize the connection (${denied.slice(0, 100)}).`,
        );
      const grant = await oauth.exchangeCode(input.kind, input.query, {
        state,
        codeVerifier: consumed.codeVerifier,
      });
      const profile = await options.readProfile(input.kind, grant);
      if (input.kind !== "advertiser" && !profile?.handle)
        throw new ConnectionError(
          "no_handle",
          `TikTok did not say which account this ${input.kind} connection is.`,
        );
      return storeConnection(prisma, keyring, {
        workspaceId: consumed.workspaceId,
        kind: input.kind,
        grant,
        handle: profile?.handle,
        displayName: profile?.displayName,
      });
    },

    /** The token of one connection for the TikTok client, refreshed as needed (see connectionCredentials). */
    credentialsFor,

    /**
     * What a run of the workspace reads TikTok through: each connection with its credentials. A
     * provider picks the one for the run's handle (creator or business) and the advertiser.
     */
    async connectionsFor(workspaceId: string) {
      const connections = await listConnections(prisma, workspaceId);
      return connections.map((connection) => ({ ...connection, credentials: credentialsFor(connection.id) }));
    },

    /** Revokes at TikTok (best effort) and deletes the connection's row and tokens. */
    disconnect: (workspaceId: string, connectionId: string) =>
      disconnectConnection({ prisma, keyring, oauth, log: options.log }, workspaceId, connectionId),
  };
}

/** How a server builds its OAuth flows from the app config; tests may hand in their own. */
export type CreateTikTokOAuth = typeof createTikTokOAuth;
