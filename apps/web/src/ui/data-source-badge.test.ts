import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
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
});
