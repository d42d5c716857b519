import {
  type AdsPortFor,
  ConnectionRequiredError,
  DATA_SOURCE,
  type DataFor,
  type DataScope,
  type TikTokAdsPort,
  type TikTokDataProvider,
} from "@tiktok-army/core";
import {
  createMarketingAds,
  createTikTokClient,
  createTikTokProvider,
  type TikTokAppConfig,
  type TikTokRequestBudget,
} from "@tiktok-army/tiktok";
import type { Connections } from "./connections.ts";

/** What the ports read through: the server's connections, its API hosts and the shared request budgets. */
export interface TikTokPortsSource {
  connections: Connections;
  urls: TikTokAppConfig["urls"];
  budget?: TikTokRequestBudget;
}

type Connected = Awaited<ReturnType<Connections["connectionsFor"]>>[number];

/**
 * The engine's data and ads ports over a workspace's TikTok connections, resolved for each step:
 * the step reads the workspace's connections once (tokens decrypted only when a call needs them),
 * and every TikTok call lands in the step's trace. `source` is read lazily because the server learns
 * its own URL (where the sandbox's OAuth returns) after the engine starts.
 * @example
 * const engine = await startEngine({ ...options, dataSource: "tiktok", ...tiktokPorts(() => tiktok) });
 */
export function tiktokPorts(source: () => TikTokPortsSource | undefined): {
  dataFor: DataFor;
  adsFor: AdsPortFor;
} {
  const connectedFor = (workspaceId: string) => {
    let listed: Promise<Connected[]> | undefined;
    return async () => {
      const from = source();
      // Runs of a server with a TikTok app never fall back to invented data, even while it starts.
      if (!from) throw new Error("TikTok connections are not ready yet; the step will be retried");
      listed ??= from.connections.connectionsFor(workspaceId);
      return { from, connections: await listed };
    };
  };

  const dataFor: DataFor = (scope) => {
    const connected = connectedFor(scope.workspaceId);
    let provider: Promise<TikTokDataProvider> | undefined;
    const get = () => {
      provider ??= connected().then(({ from, connections }) =>
        createTikTokProvider({
          urls: from.urls,
          accounts: accountsOf(connections),
          advertiser: advertiserOf(connections),
          record: (call) => scope.trace.apiCall(call),
          budget: from.budget,
        }),
      );
      return provider;
    };
    return {
      source: DATA_SOURCE.tiktok,
      getProfile: async (handle) => (await get()).getProfile(handle),
      listVideos: async (handle, options) => (await get()).listVideos(handle, options),
      getFollowerHistory: async (handle, options) => (await get()).getFollowerHistory(handle, options),
      getTrends: async (query) => (await get()).getTrends(query),
      getCampaignReport: async (campaignId, options) => (await get()).getCampaignReport(campaignId, options),
      getCampaignBudget: async (campaignId) => (await get()).getCampaignBudget(campaignId),
      getAdReport: async (campaignId, range) => (await get()).getAdReport(campaignId, range),
    };
  };

  const adsFor: AdsPortFor = (scope) => {
    const connected = connectedFor(scope.workspaceId);
    let ads: Promise<TikTokAdsPort> | undefined;
    const get = () => {
      ads ??= connected().then(({ from, connections }) => marketingAds(from, connections, scope));
      return ads;
    };
    return {
      source: DATA_SOURCE.tiktok,
      findCampaign: async (key) => (await get()).findCampaign(key),
      createCampaign: async (payload, key) => (await get()).createCampaign(payload, key),
      setCampaignStatus: async (id, status) => (await get()).setCampaignStatus(id, status),
    };
  };

  return { dataFor, adsFor };
}

function accountsOf(connections: Connected[]) {
  return connections.flatMap((c) =>
    (c.kind === "creator" || c.kind === "business") && c.handle
      ? [{ id: c.id, kind: c.kind, handle: c.handle, externalId: c.externalId, credentials: c.credentials }]
      : [],
  );
}

/** The workspace's first advertiser connection and the first ad account it covers. */
function advertiserOf(connections: Connected[]) {
  const advertiser = connections.find((c) => c.kind === "advertiser" && c.advertiserIds.length > 0);
  const advertiserId = advertiser?.advertiserIds[0];
  if (!advertiser || !advertiserId) return undefined;
  return { id: advertiser.id, advertiserId, credentials: advertiser.credentials };
}

function marketingAds(from: TikTokPortsSource, connections: Connected[], scope: DataScope): TikTokAdsPort {
  const accounts = accountsOf(connections);
  const advertiser = advertiserOf(connections);
  // Spark Ads promote the connected account's own videos: its TikTok identity is the ads' identity.
  const identity = accounts.find((a) => a.kind === "business") ?? accounts[0];
  if (!advertiser || !identity)
    throw new ConnectionRequiredError(
      identity?.handle ?? "your-brand",
      advertiser ? "account" : "advertiser",
    );
  const client = createTikTokClient({
    baseUrl: from.urls.business,
    credentials: advertiser.credentials,
    record: (call) => scope.trace.apiCall(call),
    budget: from.budget,
    tokenKey: advertiser.id,
  });
  return createMarketingAds(client, advertiser.advertiserId, identity.externalId);
}
