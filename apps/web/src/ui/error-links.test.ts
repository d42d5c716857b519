import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { errorLinks } from "./error-links.ts";
import { ErrorText } from "./error-text.tsx";

const CONNECT =
  "No TikTok account is connected for @lakucosmetics in this workspace: connect it on the Connections page (/connections), then start the run again.";

describe("errorLinks", () => {
  it("finds the Connections page in the connect-this-account error, also inside a run's error", () => {
    expect(errorLinks(CONNECT)).toEqual([{ path: "/connections", text: "Open Connections" }]);
    expect(errorLinks(`step account_health failed: ${CONNECT}`)).toHaveLength(1);
    expect(errorLinks("see /connections")).toHaveLength(1);
  });

  it("ignores other text, longer paths and URLs", () => {
    expect(errorLinks("overloaded (529)")).toEqual([]);
    expect(errorLinks(null)).toEqual([]);
    expect(errorLinks("see /connections/abc")).toEqual([]);
    expect(errorLinks("see https://evil.example/connections")).toEqual([]);
  });
});

describe("ErrorText", () => {
  it("shows the message as text, never as HTML, with a link beside it", () => {
    const html = renderToStaticMarkup(
      createElement(MemoryRouter, null, createElement(ErrorText, { text: `<b>x</b> ${CONNECT}` })),
    );
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).toMatch(/<a [^>]*href="\/connections"[^>]*>Open Connections<\/a>/);
  });

  it("adds no link to an error that names no page", () => {
    const html = renderToStaticMarkup(
      createElement(MemoryRouter, null, createElement(ErrorText, { text: "overloaded (529)" })),
    );
    expect(html).toBe("overloaded (529)");
  });
});
