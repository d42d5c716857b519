import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportMarkdown } from "./report-markdown.tsx";

const render = (markdown: string) => renderToStaticMarkup(createElement(ReportMarkdown, { markdown }));

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

  it("shows an image's description instead of loading it", () => {
    const html = render("![chart of views](https://tracker.example/pixel.png)");
    expect(html).not.toContain("tracker.example");
    expect(html).toContain("[image: chart of views]");
  });

  it("moves headings one level down below the page's own h1", () => {
    expect(render("# Report\n\n## Metrics")).toBe("<h2>Report</h2>\n<h3>Metrics</h3>");
  });

  it("renders pipe tables with inline Markdown in their cells", () => {
    const html = render("| # | Hashtag |\n| --- | ---: |\n| 1 | **#skintok** |");
    expect(html).toContain('<th scope="col">#</th>');
    expect(html).toContain('<td style="text-align:right"><strong>#skintok</strong></td>');
  });
});
