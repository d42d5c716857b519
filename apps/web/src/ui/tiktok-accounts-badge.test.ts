import { describe, expect, it } from "vitest";
import { type ConnectionSummaryInput, tiktokAccountsView } from "./tiktok-accounts-badge.tsx";

const connection = (c: Partial<ConnectionSummaryInput>): ConnectionSummaryInput => ({
  kind: "business",
  handle: "lakucosmetics",
  status: "active",
  advertiserIds: [],
  ...c,
});

describe("tiktokAccountsView", () => {
  it("names the one connected account by its handle, whichever kinds connect it", () => {
    const view = tiktokAccountsView([
      connection({ kind: "business" }),
      connection({ kind: "creator" }),
      connection({ kind: "advertiser", handle: null, advertiserIds: ["7000000001"] }),
    ]);
    expect(view.label).toBe("@lakucosmetics");
    expect(view.title).toBe(
      "Business account @lakucosmetics; Creator account @lakucosmetics; Advertiser 7000000001",
    );
    expect(view.needsReauth).toBe(false);
  });

  it("counts several accounts, and says when none is connected (an advertiser is not an account)", () => {
    expect(tiktokAccountsView([connection({}), connection({ handle: "fitwithtom" })]).label).toBe(
      "2 TikTok accounts",
    );
    expect(tiktokAccountsView([]).label).toBe("no TikTok account connected");
    expect(
      tiktokAccountsView([connection({ kind: "advertiser", handle: null, advertiserIds: ["1"] })]).label,
    ).toBe("no TikTok account connected");
  });

  it("asks for reconnecting when any connection's refresh failed", () => {
    const view = tiktokAccountsView([
      connection({}),
      connection({ kind: "advertiser", handle: null, advertiserIds: ["1"], status: "needs_reauth" }),
    ]);
    expect(view.needsReauth).toBe(true);
    expect(view.title).toContain("Advertiser 1 (reconnect needed)");
  });
});
