import type { DataSource } from "@tiktok-army/core/model";
import { DataSourceBadge } from "../ui/data-source-badge.tsx";

/** A local session's mode (mock or real model calls) and, beside it, where the server's runs read TikTok data. */
export function LocalSessionBadges({ mode, dataSource }: { mode: "mock" | "real"; dataSource: DataSource }) {
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
      <DataSourceBadge source={dataSource} testId="server-data-source" />
    </>
  );
}
