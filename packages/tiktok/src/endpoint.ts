import type { z } from "zod";

/**
 * The two reply styles TikTok uses. `display`: Display and OAuth v2 APIs on open.tiktokapis.com,
 * `{ data, error: { code, message, log_id } }` with `error.code === "ok"` on success, token in
 * `Authorization: Bearer`. `business`: API for Business and Marketing API,
 * `{ code, message, request_id, data }` with `code === 0` on success, token in `Access-Token`.
 */
export type TikTokApiStyle = "display" | "business";

/** One TikTok endpoint: where it is, how it replies, and the schema of its `data`. */
export interface TikTokEndpoint<Data extends z.ZodType> {
  style: TikTokApiStyle;
  method: "GET" | "POST";
  /** Path under the API's base URL, e.g. `/v2/video/list/`. */
  path: string;
  data: Data;
  /**
   * True for calls that change something at TikTok (create, reply, publish). After a timeout or a
   * 5xx such a call may have been applied, so it is not sent again; only refusals that prove it was
   * not applied (throttling, an expired token) are retried.
   */
  writes?: boolean;
  /** How many items a reply carries, for the call record (videos in a page, 1 for a profile). */
  itemsRead(data: z.infer<Data>): number;
}

/**
 * Declares an endpoint, inferring its data type from the schema.
 * @example
 * const userInfo = defineEndpoint({ style: "display", method: "GET", path: "/v2/user/info/", data, itemsRead: () => 1 });
 */
export function defineEndpoint<Data extends z.ZodType>(endpoint: TikTokEndpoint<Data>): TikTokEndpoint<Data> {
  return endpoint;
}
