import { isReportLinkAllowed } from "@tiktok-army/core/model";
import { useMemo } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm, { type Options as GfmOptions } from "remark-gfm";

// Reports write `~5%` for "about 5%": only `~~two~~` tildes strike text through.
const REMARK_PLUGINS: [[typeof remarkGfm, GfmOptions]] = [[remarkGfm, { singleTilde: false }]];

// The page has its own h1: the report's headings move one level down to keep the outline in order.
const COMPONENTS: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
  // A model-written image link would make the browser fetch any URL: show its description instead.
  img: ({ alt }) => <span className="muted">[image{alt ? `: ${alt}` : ""}]</span>,
  // An empty header cell (a row-label column) is a plain cell: a header needs a name.
  th: ({ node, ...props }) => (node?.children.length ? <th scope="col" {...props} /> : <td {...props} />),
  // A wide table scrolls inside its own box, never the page (a phone is narrower than most tables);
  // the box takes keyboard focus so it can be scrolled without a mouse.
  table: ({ node: _node, ...props }) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard.
    <div className="table-wrap" tabIndex={0}>
      <table {...props} />
    </div>
  ),
  // The only inputs are task-list boxes (raw HTML is skipped); a checkbox needs a name too.
  input: ({ node: _node, ...props }) =>
    props.type === "checkbox" ? <input {...props} aria-label={props.checked ? "Done" : "To do"} /> : null,
};

/**
 * Links in a report: footnotes (`#user-content-fn-1`) stay on the page; a link to a host of the
 * run's own data opens in a new tab; any other link, which the model wrote or was told to write by
 * a caption it read, is shown as text with its URL, never as something to click.
 */
function reportLink(allowedHosts: readonly string[]): Components["a"] {
  return ({ node, href, children, ...props }) => {
    if (href?.startsWith("#"))
      return (
        <a href={href} {...props}>
          {children}
        </a>
      );
    if (isReportLinkAllowed(href, allowedHosts))
      return (
        <a href={href} {...props} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    // A bare URL's text is its URL already (`www.x.example` for `http://www.x.example`).
    const showsUrl = !href || href.endsWith(textOf(node));
    return (
      <span className="link-withheld" title="Not a link: its host is not in this run's data">
        {children}
        {!showsUrl && ` (${href})`}
      </span>
    );
  };
}

function textOf(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  if ("value" in node && typeof node.value === "string") return node.value;
  return "children" in node && Array.isArray(node.children) ? node.children.map(textOf).join("") : "";
}

/**
 * A model-written report, GitHub-flavoured (tables, task lists, `~~strikethrough~~`, bare URLs).
 * Raw HTML in the Markdown is dropped, never rendered (`skipHtml`, and no rehype-raw);
 * react-markdown's default URL filter drops `javascript:` and other unsafe links; images are not
 * loaded; only links to `allowedLinkHosts` (the run view's, taken from its steps' URL fields) are
 * links.
 *
 * @example <ReportMarkdown markdown={run.report} allowedLinkHosts={run.allowedLinkHosts} />
 */
export function ReportMarkdown({
  markdown,
  allowedLinkHosts,
}: {
  markdown: string;
  allowedLinkHosts: readonly string[];
}) {
  const components = useMemo(() => ({ ...COMPONENTS, a: reportLink(allowedLinkHosts) }), [allowedLinkHosts]);
  return (
    <Markdown skipHtml remarkPlugins={REMARK_PLUGINS} components={components}>
      {markdown}
    </Markdown>
  );
}
