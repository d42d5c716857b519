import {
  COMPETITOR_DATA_REASON,
  ConnectionRequiredError,
  DATA_SOURCE,
  DataUnavailableError,
  type TikTokDataProvider,
} from "@tiktok-army/core";
import { normaliseHandle } from "./account-handle.ts";
import { type BusinessSource, createBusinessSource } from "./business/business-source.ts";
import { type CreatorSource, createCreatorSource } from "./display/creator-source.ts";
import {
  createTikTokClient,
  type TikTokCallRecord,
  type TikTokClientOptions,
  type TikTokCredentials,
  type TikTokRequestBudget,
} from "./http-client.ts";
import { getAdReport, getCampaignBudget, getCampaignReport } from "./marketing/reports.ts";

/** A creator (Display API) or business (Accounts API) account connected in the workspace. */
export interface TikTokAccountConnection {
  /** Stable id of the connection, never a secret: request budgets are counted against it. */
  id: string;
  kind: "creator" | "business";
  /** The account's TikTok username. */
  handle: string;
  /** The account's id at TikTok (`open_id`); a business account's `business_id`. */
  externalId: string;
  credentials: TikTokCredentials;
}

/** An ad account (Marketing API) connected in the workspace. */
export interface TikTokAdvertiserConnection {
  id: string;
  advertiserId: string;
  credentials: TikTokCredentials;
}

export interface TikTokProviderOptions {
  /** Base URLs of the Display API (`https://open.tiktokapis.com`) and API for Business (`https://business-api.tiktok.com`). */
  urls: { open: string; business: string };
  accounts: readonly TikTokAccountConnection[];
  advertiser?: TikTokAdvertiserConnection;
  /** The run's own handle, named when the advertiser connection is missing. */
  handle?: string;
  /**
   * Handles the run reads as third parties (e.g. a brief's competitors). Unless the workspace has
   * connected one of them, they are not readable: no official API gives a brand another account's
   * insights, so reading one fails with `DataUnavailableError` saying so, not with a connect prompt.
   */
  competitors?: readonly string[];
  /** Every HTTP attempt, for the step trace; records never hold a token. */
  record?: (call: TikTokCallRecord) => void;
  budget?: TikTokRequestBudget;
  now?: () => Date;
  /** Retry and timeout tuning, passed to every client. */
  client?: Pick<
    TikTokClientOptions,
    "timeoutMs" | "maxAttempts" | "backoffMs" | "maxWaitMs" | "sleep" | "fetch"
  >;
}

/**
 * The data port over a workspace's TikTok connections: each handle is read through its own
 * connection (a business account's Accounts API when both kinds are connected, else the creator's
 * Display API), campaign reports through the advertiser. What no connection can serve fails loudly:
 * an unconnected handle with `ConnectionRequiredError`; a competitor's data, trends, and a creator's
 * follower history with `DataUnavailableError`. Nothing falls back to invented data.
 * @example
 * const data = createTikTokProvider({ urls, accounts: [business], advertiser, record: trace.apiCall });
 * const videos = await data.listVideos("glowwithmia", { limit: 60 });
 */
export function createTikTokProvider(options: TikTokProviderOptions): TikTokDataProvider {
  const competitors = new Set((options.competitors ?? []).map(normaliseHandle));
  const connections = new Map<string, TikTokAccountConnection>();
  for (const connection of options.accounts) {
    const key = normaliseHandle(connection.handle);
    // The Accounts API gives what the Display API gives and more (watch time, sources, follower history).
    if (connections.get(key)?.kind !== "business") connections.set(key, connection);
  }
  const sources = new Map<string, CreatorSource | BusinessSource>();

  const clientFor = (baseUrl: string, connection: { id: string; credentials: TikTokCredentials }) =>
    createTikTokClient({
      ...options.client,
      baseUrl,
      credentials: connection.credentials,
      record: options.record,
      budget: options.budget,
      tokenKey: connection.id,
    });

  const sourceFor = (handle: string): CreatorSource | BusinessSource => {
    const key = normaliseHandle(handle);
    const connection = connections.get(key);
    if (!connection) {
      if (competitors.has(key))
        throw new DataUnavailableError(`@${key}'s TikTok data`, "TikTok's APIs", COMPETITOR_DATA_REASON);
      throw new ConnectionRequiredError(key, "account");
    }
    let source = sources.get(key);
    if (!source) {
      source =
        connection.kind === "business"
          ? createBusinessSource(clientFor(options.urls.business, connection), {
              businessId: connection.externalId,
              now: options.now,
            })
          : createCreatorSource(clientFor(options.urls.open, connection));
      sources.set(key, source);
    }
    return source;
  };

  const marketing = options.advertiser && clientFor(options.urls.business, options.advertiser);
  // Campaign reads go through the advertiser connection; without one, the run asks for it.
  const advertiser = () => {
    if (!marketing || !options.advertiser)
      throw new ConnectionRequiredError(
        normaliseHandle(options.handle ?? options.accounts[0]?.handle ?? "this-workspace"),
        "advertiser",
      );
    return { client: marketing, advertiserId: options.advertiser.advertiserId };
  };

  return {
    source: DATA_SOURCE.tiktok,
    // async, so a missing connection rejects like any other failure instead of throwing synchronously.
    getProfile: async (handle) => sourceFor(handle).getProfile(handle),
    listVideos: async (handle, query) => sourceFor(handle).listVideos(handle, query),
    getFollowerHistory: async (handle, query) => sourceFor(handle).getFollowerHistory(handle, query),
    async getTrends() {
      throw new DataUnavailableError(
        "trends",
        "TikTok's APIs",
        "Creative Center trends have no official API",
      );
    },
    async getCampaignReport(campaignId, { days }) {
      const { client, advertiserId } = advertiser();
      return getCampaignReport(client, { advertiserId, campaignId, days, now: options.now });
    },
    async getCampaignBudget(campaignId) {
      const { client, advertiserId } = advertiser();
      return getCampaignBudget(client, { advertiserId, campaignId });
    },
    async getAdReport(campaignId, range) {
      const { client, advertiserId } = advertiser();
      return getAdReport(client, { advertiserId, campaignId, ...range });
    },
  };
}
