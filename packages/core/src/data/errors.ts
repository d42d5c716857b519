import { NonRetriableError } from "../runner/errors.ts";

/**
 * A provider method the source cannot serve: the data does not exist there (Creative Center trends
 * have no official API, a creator account has no follower history, no API gives a competitor's
 * insights). Retrying cannot help, so the step fails at once unless its agent degrades visibly.
 * @example
 * throw new DataUnavailableError("Trends", "TikTok's APIs", "Creative Center trends have no official API");
 */
export class DataUnavailableError extends NonRetriableError {
  override readonly name = "DataUnavailableError";
  readonly code = "data_unavailable" as const;
  constructor(
    readonly what: string,
    readonly source: string,
    reason: string,
  ) {
    super(`${what} is not available from ${source}: ${reason}`);
  }
}

/** A run about a handle this workspace has not connected: it never falls back to invented data. */
export class ConnectionRequiredError extends NonRetriableError {
  override readonly name = "ConnectionRequiredError";
  readonly code = "connection_required" as const;
  constructor(
    readonly handle: string,
    readonly needs: "account" | "advertiser",
  ) {
    super(
      `No TikTok ${needs === "advertiser" ? "advertiser" : "account"} is connected for @${handle} in this workspace: ` +
        "connect it on the Connections page (/connections), then start the run again.",
    );
  }
}
