import type { ConnectionKind, TikTokOAuth } from "@tiktok-army/tiktok";
import {
  decryptToken,
  encryptToken,
  type Keyring,
  keyIdOf,
  reencryptToken,
  TikTokAuthError,
  type TikTokCredentials,
} from "@tiktok-army/tiktok";
import type { PrismaClient, Tx } from "../client.ts";
import { ConnectionError, ConnectionReauthRequiredError } from "./errors.ts";

export interface CredentialsDeps {
  prisma: PrismaClient;
  keyring: Keyring;
  oauth: Pick<TikTokOAuth, "refresh">;
  /** Refresh when the stored expiry is closer than this. Default 5 minutes. */
  refreshMarginMs?: number;
  now?: () => Date;
}

/** A stored connection's `TikTokCredentials`, both methods asynchronous. */
export interface ConnectionCredentials extends TikTokCredentials {
  accessToken(): Promise<string>;
  refresh(): Promise<void>;
}

/** Connection rows as the refresh reads them, under `FOR UPDATE`. */
interface TokenRow {
  id: string;
  kind: ConnectionKind;
  handle: string | null;
  external_id: string;
  access_token: string;
  refresh_token: string | null;
  access_expires_at: Date | null;
  status: "active" | "needs_reauth";
}

/** What a locked refresh ended with: the sealed token to use, the connection needing re-authorization, or none. */
type RefreshOutcome = { sealed: string } | { reauth: TokenRow } | { gone: true };

const DEFAULT_MARGIN_MS = 5 * 60_000;
/** The refresh is one HTTP call made while the row is locked; other callers wait this long for it. */
const REFRESH_TRANSACTION = { maxWait: 15_000, timeout: 45_000 };

/**
 * The `TikTokCredentials` of one stored connection: `accessToken()` opens the stored token,
 * refreshing it first when the stored expiry is within the margin; `refresh()` forces a refresh
 * (the client calls it when TikTok refuses a token).
 *
 * Every refresh runs in a transaction that holds the connection's row (`SELECT … FOR UPDATE`) and
 * stores the rotated refresh token before it commits: TikTok spends a refresh token once, so two
 * processes refreshing at once would lose the grant. A caller that waited for the lock and finds
 * the token renewed by another uses that one. A refresh TikTok refuses marks the connection
 * `needs_reauth` and throws `ConnectionReauthRequiredError`. Tokens sealed under an older key are
 * sealed again under the current key on refresh.
 *
 * @example
 * const client = createTikTokClient({ baseUrl, credentials: connectionCredentials(deps, connectionId) });
 */
export function connectionCredentials(deps: CredentialsDeps, connectionId: string): ConnectionCredentials {
  const margin = deps.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  const now = deps.now ?? (() => new Date());
  const due = (expiresAt: Date | null) =>
    expiresAt !== null && expiresAt.getTime() - now().getTime() < margin;
  // The sealed token this object handed out last: a forced refresh that finds another one stored
  // knows another caller refreshed meanwhile.
  let handedOut: string | undefined;

  const open = (sealed: string) => {
    handedOut = sealed;
    return decryptToken(deps.keyring, sealed);
  };

  async function refreshLocked(force: boolean): Promise<string> {
    const outcome = await deps.prisma.$transaction(async (tx): Promise<RefreshOutcome> => {
      const [row] = await tx.$queryRaw<TokenRow[]>`
        SELECT id, kind::text AS kind, handle, external_id, access_token, refresh_token, access_expires_at, status::text AS status
        FROM tiktok_connections WHERE id = ${connectionId}::uuid FOR UPDATE`;
      if (!row) return { gone: true };
      if (row.status === "needs_reauth") return { reauth: row };
      const renewedMeanwhile = force
        ? handedOut !== undefined && row.access_token !== handedOut
        : !due(row.access_expires_at);
      if (renewedMeanwhile) return { sealed: row.access_token };
      // A token without a refresh token (advertisers' long-lived ones) cannot be renewed: use it
      // while it lasts; once TikTok refuses it, a person must connect again.
      if (row.refresh_token === null) {
        if (!force) return { sealed: row.access_token };
        await markNeedsReauth(
          tx,
          row.id,
          "TikTok refused the access token and the grant has no refresh token",
        );
        return { reauth: row };
      }
      return renew(tx, row, row.refresh_token);
    }, REFRESH_TRANSACTION);
    if ("gone" in outcome)
      throw new ConnectionError("not_found", `No TikTok connection with id '${connectionId}'`);
    if ("reauth" in outcome) throw reauthError(outcome.reauth);
    return open(outcome.sealed);
  }

  async function renew(tx: Tx, row: TokenRow, sealedRefresh: string): Promise<RefreshOutcome> {
    try {
      const grant = await deps.oauth.refresh(row.kind, decryptToken(deps.keyring, sealedRefresh));
      const sealed = encryptToken(deps.keyring, grant.accessToken);
      // TikTok rotates refresh tokens: the new one is stored in this transaction, before the lock
      // is released. One that did not rotate is re-sealed if an older key sealed it.
      const refreshToken =
        grant.refreshToken !== null
          ? encryptToken(deps.keyring, grant.refreshToken)
          : keyIdOf(sealedRefresh) === deps.keyring.currentKeyId
            ? sealedRefresh
            : reencryptToken(deps.keyring, sealedRefresh);
      await tx.tikTokConnection.update({
        where: { id: row.id },
        data: {
          accessToken: sealed,
          refreshToken,
          accessExpiresAt: grant.accessExpiresAt,
          ...(grant.refreshToken !== null ? { refreshExpiresAt: grant.refreshExpiresAt } : {}),
          ...(grant.scopes.length > 0 ? { scopes: grant.scopes } : {}),
          lastError: null,
        },
      });
      return { sealed };
    } catch (error) {
      if (!(error instanceof TikTokAuthError)) throw error;
      await markNeedsReauth(tx, row.id, error.message);
      return { reauth: row };
    }
  }

  return {
    async accessToken() {
      const row = await deps.prisma.tikTokConnection.findUnique({
        where: { id: connectionId },
        select: {
          id: true,
          kind: true,
          handle: true,
          externalId: true,
          accessToken: true,
          accessExpiresAt: true,
          status: true,
        },
      });
      if (!row) throw new ConnectionError("not_found", `No TikTok connection with id '${connectionId}'`);
      if (row.status === "needs_reauth") throw reauthError({ ...row, external_id: row.externalId });
      if (!due(row.accessExpiresAt)) return open(row.accessToken);
      return refreshLocked(false);
    },
    async refresh() {
      await refreshLocked(true);
    },
  };
}

async function markNeedsReauth(tx: Tx, id: string, why: string): Promise<void> {
  await tx.tikTokConnection.update({
    where: { id },
    data: { status: "needs_reauth", lastError: why.slice(0, 500) },
  });
}

function reauthError(row: Pick<TokenRow, "id" | "kind" | "handle" | "external_id">) {
  const label = row.handle ? `@${row.handle}` : `${row.external_id}`;
  return new ConnectionReauthRequiredError(row.id, row.kind, label);
}
