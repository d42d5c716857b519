import type { DataSource } from "@tiktok-army/core/model";
import { DataSourceBadge } from "../ui/data-source-badge.tsx";
import { TikTokAccountsBadge, type TikTokAccountsView } from "../ui/tiktok-accounts-badge.tsx";

interface LocalSessionBadgesProps {
  mode: "mock" | "real";
  dataSource: DataSource;
  /**
   * With a TikTok app configured, the workspace's connected accounts, shown instead of the data
   * source; `loading` until the server has said whether it has one (so "demo data" never flashes).
   */
  accounts?: TikTokAccountsView | "loading" | undefined;
}

/** A local session's mode (mock or real model calls) and, beside it, where the server's runs read TikTok data. */
export function LocalSessionBadges({ mode, dataSource, accounts }: LocalSessionBadgesProps) {
  return (
    <>
      <span
        className="mode-badge"
        data-mode={mode}
        data-testid="mode-badge"
        title={
          mode === "mock"
            ? "Mock mode: fixture replies instead of model calls"
            : "Real mode: live Claude calls"
        }
      >
        {mode}
      </span>
      {accounts === undefined ? (
        <DataSourceBadge source={dataSource} testId="server-data-source" />
      ) : (
        accounts !== "loading" && <TikTokAccountsBadge view={accounts} />
      )}
    </>
  );
}
