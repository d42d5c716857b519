import { z } from "zod";

/**
 * Token replies as TikTok documents them. Only the fields a grant needs are required; TikTok adds
 * others (`token_type`, `log_id`) that are ignored.
 */

/** `POST /v2/oauth/token/` (Login Kit), both grant types. */
export const loginKitTokenSchema = z.object({
  open_id: z.string().min(1),
  scope: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number().positive(),
});

/** `data` of `POST /open_api/v1.3/tt_user/oauth2/token/` and `/tt_user/oauth2/refresh_token/` (TikTok Accounts). */
export const businessTokenSchema = z.object({
  open_id: z.string().min(1),
  scope: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().positive(),
});

/** `data` of `POST /open_api/v1.3/oauth2/access_token/` (Marketing API): a long-lived token, no expiry. */
export const marketingTokenSchema = z.object({
  access_token: z.string().min(1),
  advertiser_ids: z.array(z.coerce.string()),
  /** Permission scope ids, numbers in v1.3. */
  scope: z.array(z.union([z.number(), z.string()])).default([]),
});

/** `data` of `GET /open_api/v1.3/user/info/`: who authorized the advertiser token. */
export const marketingUserSchema = z.object({
  core_user_id: z.coerce.string(),
  display_name: z.string().optional(),
});

/** `data` of `GET /open_api/v1.3/oauth2/advertiser/get/`. */
export const advertiserListSchema = z.object({
  list: z.array(z.object({ advertiser_id: z.coerce.string(), advertiser_name: z.string() })),
});
