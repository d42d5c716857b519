import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { LocalSessionBadges } from "../app/session-badges.tsx";
import { DataSourceBadge } from "./data-source-badge.tsx";

describe("DataSourceBadge", () => {
  it("says demo data for an offline run and TikTok data for a real one", () => {
    const offline = renderToStaticMarkup(createElement(DataSourceBadge, { source: "offline" }));
    expect(offline).toContain('data-source="offline"');
    expect(offline).toContain(">demo data</span>");
    const tiktok = renderToStaticMarkup(createElement(DataSourceBadge, { source: "tiktok" }));
    expect(tiktok).toContain('data-source="tiktok"');
    expect(tiktok).toContain(">TikTok data</span>");
  });
});

describe("LocalSessionBadges", () => {
  it("puts demo data next to MOCK when the server reads offline data", () => {
    const html = renderToStaticMarkup(
      createElement(LocalSessionBadges, { mode: "mock", dataSource: "offline" }),
    );
    expect(html).toMatch(
      /data-mode="mock"[^>]*>mock<\/span><span class="source-badge"[^>]*>demo data<\/span>/,
    );
  });

  it("shows no demo-data badge when the server reads TikTok", () => {
    const html = renderToStaticMarkup(
      createElement(LocalSessionBadges, { mode: "real", dataSource: "tiktok" }),
    );
    expect(html).not.toContain("demo data");
    expect(html).toContain(">TikTok data</span>");
  });

  it("shows the connected account instead of demo data when the server has a TikTok app, and asks to reconnect", () => {
    const html = renderToStaticMarkup(
      createElement(
        MemoryRouter,
        null,
        createElement(LocalSessionBadges, {
          mode: "real",
          dataSource: "tiktok",
          accounts: { label: "@lakucosmetics", title: "Business account @lakucosmetics", needsReauth: true },
        }),
      ),
    );
    expect(html).not.toContain("demo data");
    expect(html).toMatch(
      /<a(?=[^>]*href="\/connections")[^>]*data-testid="server-data-source"[^>]*>@lakucosmetics<\/a>/,
    );
    expect(html).toMatch(
      /<a(?=[^>]*href="\/connections")[^>]*data-testid="reconnect-needed"[^>]*>reconnect needed<\/a>/,
    );
  });

  it("shows no data badge until the server has said whether it has a TikTok app", () => {
    const html = renderToStaticMarkup(
      createElement(LocalSessionBadges, { mode: "mock", dataSource: "offline", accounts: "loading" }),
    );
    expect(html).not.toContain("source-badge");
  });
});
