import type { ConnectionKind, TikTokAppConfig, TokenGrant } from "@tiktok-army/tiktok";
import {
  BUSINESS_PROFILE_FIELDS,
  businessGet,
  createTikTokClient,
  DISPLAY_USER_FIELDS,
  displayUserInfo,
} from "@tiktok-army/tiktok";

export interface ConnectionProfile {
  handle: string;
  displayName: string;
}

/** Who a new grant belongs to, read with its own token; advertisers have no profile. */
export type ProfileReader = (
  kind: ConnectionKind,
  grant: TokenGrant,
) => Promise<ConnectionProfile | undefined>;

/**
 * Reads the username and display name of a just-connected account: `GET /v2/user/info/` (Display
 * API) for a creator, `GET /business/get/` for a business account.
 */
export function tiktokProfileReader(
  urls: TikTokAppConfig["urls"],
  options: { fetch?: typeof fetch } = {},
): ProfileReader {
  return async (kind, grant) => {
    const credentials = { accessToken: () => grant.accessToken };
    switch (kind) {
      case "creator": {
        const client = createTikTokClient({ baseUrl: urls.open, credentials, fetch: options.fetch });
        const { user } = await client.call(displayUserInfo, {
          query: { fields: DISPLAY_USER_FIELDS.join(",") },
        });
        return { handle: user.username, displayName: user.display_name };
      }
      case "business": {
        const client = createTikTokClient({ baseUrl: urls.business, credentials, fetch: options.fetch });
        const profile = await client.call(businessGet, {
          query: {
            business_id: grant.externalId,
            fields: JSON.stringify(BUSINESS_PROFILE_FIELDS),
          },
        });
        return { handle: profile.username, displayName: profile.display_name };
      }
      case "advertiser":
        return undefined;
    }
  };
}
