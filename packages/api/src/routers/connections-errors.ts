import type { ConnectionError } from "@tiktok-army/db";
import { TRPCError } from "@trpc/server";

/** The connections' refusals as API errors (see toTRPCError). */
export function connectionErrorToTRPC(cause: ConnectionError): TRPCError {
  const code = (
    {
      not_configured: "PRECONDITION_FAILED",
      kind_unavailable: "BAD_REQUEST",
      not_found: "NOT_FOUND",
      state_unknown: "BAD_REQUEST",
      state_expired: "BAD_REQUEST",
      state_used: "CONFLICT",
      state_foreign_session: "FORBIDDEN",
      authorization_denied: "BAD_REQUEST",
      no_handle: "BAD_GATEWAY",
    } as const
  )[cause.code];
  return new TRPCError({ code, message: cause.message, cause });
}
