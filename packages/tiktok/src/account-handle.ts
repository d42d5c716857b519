/** `@GlowWithMia ` -> `glowwithmia`: how handles are compared across sources and connections. */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@/, "").toLowerCase();
}

/** A connected account cannot answer as asked: another handle, or TikTok's paging went wrong. */
export class AccountSourceError extends Error {
  override readonly name = "AccountSourceError";
  constructor(
    readonly code: "handle_mismatch" | "stalled_pagination",
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a handle other than the connected account's username, never answering with the wrong account. */
export function assertSameAccount(kind: "creator" | "business", handle: string, username: string): void {
  const asked = normaliseHandle(handle);
  if (asked !== normaliseHandle(username))
    throw new AccountSourceError(
      "handle_mismatch",
      `the connected ${kind} account is @${username}, not @${asked}; connect @${asked} to read it`,
    );
}
