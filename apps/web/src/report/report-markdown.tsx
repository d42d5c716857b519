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
  // Footnote links (`#user-content-fn-1`) stay on the page; every other link opens a new tab.
  a: ({ node: _node, ...props }) =>
    props.href?.startsWith("#") ? (
      <a {...props} />
    ) : (
      <a {...props} target="_blank" rel="noopener noreferrer" />
    ),
  // A model-written image link would make the browser fetch any URL: show its description instead.
  img: ({ alt }) => <span className="muted">[image{alt ? `: ${alt}` : ""}]</span>,
  // An empty header cell (a row-label column) is a plain cell: a header needs a name.
  th: ({ node, ...props }) => (node?.children.length ? <th scope="col" {...props} /> : <td {...props} />),
  // The only inputs are task-list boxes (raw HTML is skipped); a checkbox needs a name too.
  input: ({ node: _node, ...props }) =>
    props.type === "checkbox" ? <input {...props} aria-label={props.checked ? "Done" : "To do"} /> : null,
};

/**
 * A model-written report, GitHub-flavoured (tables, task lists, `~~strikethrough~~`, bare URLs).
 * Raw HTML in the Markdown is dropped, never rendered (`skipHtml`, and no rehype-raw);
 * react-markdown's default URL filter drops `javascript:` and other unsafe links, and images are
 * not loaded.
 *
 * @example <ReportMarkdown markdown={run.report} />
 */
export function ReportMarkdown({ markdown }: { markdown: string }) {
  return (
    <Markdown skipHtml remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
      {markdown}
    </Markdown>
  );
}
