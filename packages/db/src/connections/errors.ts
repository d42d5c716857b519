import { NonRetriableError } from "@tiktok-army/core";
import type { ConnectionKind } from "@tiktok-army/tiktok";

/**
 * TikTok no longer accepts a connection's grant (the user revoked the app, or the refresh token
 * expired): the connection is marked `needs_reauth` and a person must connect it again. A step
 * that meets it fails at once: retrying cannot help.
 */
export class ConnectionReauthRequiredError extends NonRetriableError {
  override readonly name = "ConnectionReauthRequiredError";
  readonly code = "reauth_required";
  constructor(
    readonly connectionId: string,
    readonly kind: ConnectionKind,
    readonly label: string,
  ) {
    super(
      `TikTok no longer accepts the ${kind} connection ${label}: reconnect it on the Connections page (/connections), then start the run again.`,
    );
  }
}

/** Why a connection cannot be used or made, as a code the API and the server map once. */
export type ConnectionErrorCode =
  | "not_configured"
  | "kind_unavailable"
  | "not_found"
  | "state_unknown"
  | "state_expired"
  | "state_used"
  | "state_foreign_session"
  | "authorization_denied"
  | "no_handle";

export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
