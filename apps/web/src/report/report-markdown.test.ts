import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportMarkdown } from "./report-markdown.tsx";

// The hosts a run's data would allow; the tests' own links point at them unless they test a refusal.
const HOSTS = ["example.com", "www.example.com", "x.example"];
const render = (markdown: string, allowedLinkHosts: readonly string[] = HOSTS) =>
  renderToStaticMarkup(createElement(ReportMarkdown, { markdown, allowedLinkHosts }));

describe("ReportMarkdown", () => {
  it("never renders raw HTML from the model", () => {
    const html = render(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>',
    );
    expect(html).not.toMatch(/<script|<img|<div|onerror|onclick/);
  });

  it("drops javascript: links and opens others without an opener or referrer", () => {
    const html = render("[bad](javascript:alert(1)) [good](https://example.com)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.com" target="_blank" rel="noopener noreferrer"');
  });

  it("shows a link to a host outside the run's data as text with its URL, not as a link", () => {
    const html = render(
      "Claim your reward: [log in here](https://evil.example/login) or https://evil.example/x, " +
        "[tiktok.com](https://www.tiktok.com@evil.example/) and [ok](https://www.tiktok.com/@laku)",
      ["www.tiktok.com"],
    );
    expect(html).not.toMatch(/<a [^>]*evil\.example/);
    expect(html).toContain("log in here (https://evil.example/login)");
    expect(html).toMatch(/<span class="link-withheld" [^>]*>https:\/\/evil\.example\/x<\/span>/);
    expect(html).toContain("tiktok.com (https://www.tiktok.com@evil.example/)");
    expect(html).toContain(
      '<a href="https://www.tiktok.com/@laku" target="_blank" rel="noopener noreferrer">ok</a>',
    );
    expect(render("[a](https://example.com) [b](/approvals)", [])).not.toContain("<a ");
  });

  it("shows an image's description instead of loading it", () => {
    const html = render("![chart of views](https://tracker.example/pixel.png)");
    expect(html).not.toContain("tracker.example");
    expect(html).toContain("[image: chart of views]");
  });

  it("moves headings one level down below the page's own h1", () => {
    expect(render("# Report\n\n## Metrics")).toBe("<h2>Report</h2>\n<h3>Metrics</h3>");
  });

  it("renders a table right after a paragraph, with column headers and alignment", () => {
    const html = render(
      "Intro\n| Metric | Value | Formula |\n| --- | ---: | :---: |\n| ER | 9.61% | likes / views |",
    );
    expect(html).toContain("<p>Intro</p>");
    expect(html).toContain(
      '<thead><tr><th scope="col">Metric</th><th scope="col" style="text-align:right">Value</th>' +
        '<th scope="col" style="text-align:center">Formula</th></tr></thead>',
    );
    expect(html).toContain(
      '<td>ER</td><td style="text-align:right">9.61%</td><td style="text-align:center">',
    );
  });

  it("puts each table in its own scrolling box, so a wide table never widens the page", () => {
    const html = render("| a | b |\n| --- | --- |\n| 1 | 2 |\n\nText\n\n| c |\n| --- |\n| 3 |");
    expect(html.match(/<div class="table-wrap" tabindex="0"><table>/g)).toHaveLength(2);
    expect(html).toContain("</table></div>");
  });

  it("renders an empty header cell as a plain cell, since a header needs a name", () => {
    const html = render("| | Video |\n| --- | --- |\n| Top | GRWM |");
    expect(html).toContain('<thead><tr><td></td><th scope="col">Video</th></tr></thead>');
  });

  it("reads inline Markdown in cells, and block starts and escaped pipes as text", () => {
    const html = render(
      "| # | Hashtag |\n| --- | --- |\n| 1. | **#skintok** |\n| `a\\|b` | [x](https://x.example) ![i](https://t.example/p.png) |",
    );
    expect(html).toContain("<tbody><tr><td>1.</td><td><strong>#skintok</strong></td></tr>");
    expect(html).toContain("<td><code>a|b</code></td>");
    expect(html).toContain(
      '<a href="https://x.example" target="_blank" rel="noopener noreferrer">x</a> <span class="muted">[image: i]</span>',
    );
  });

  it("keeps a table's rows as wide as its header", () => {
    const html = render("a | b\n--|--\nonly|\nx | y | z");
    expect(html).toContain("<tr><td>only</td><td></td></tr><tr><td>x</td><td>y</td></tr>");
  });

  it("does not read pipes in fenced code, or without a matching delimiter row, as a table", () => {
    expect(render("```\n| a | b |\n| - | - |\n```")).not.toContain("<table");
    expect(render("| a | b |\n| --- |\n| 1 | 2 |")).not.toContain("<table");
  });

  it("strikes through double tildes only, since reports write ~5% for about 5%", () => {
    expect(render("~~gone~~ from ~5% to ~10%")).toBe("<p><del>gone</del> from ~5% to ~10%</p>");
  });

  it("links bare URLs safely and names task-list checkboxes", () => {
    const html = render("See www.example.com\n\n- [x] shipped\n- [ ] measured");
    expect(html).toContain('<a href="http://www.example.com" target="_blank" rel="noopener noreferrer">');
    expect(html).toContain('<input type="checkbox" disabled="" aria-label="Done" checked=""/> shipped');
    expect(html).toContain('<input type="checkbox" disabled="" aria-label="To do"/> measured');
  });

  it("keeps footnote links on the page", () => {
    const html = render("Views rose[^1].\n\n[^1]: Against last month.");
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).not.toMatch(/href="#[^"]*"[^>]*target=/);
    expect(html).toContain('<h3 class="sr-only" id="footnote-label">Footnotes</h3>');
  });
});
