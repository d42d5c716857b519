import type { ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import { type Align, inlineCellMarkdown, splitPipeTables } from "./pipe-tables.ts";

// The page has its own h1: the report's headings move one level down to keep the outline in order.
const COMPONENTS: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
  a: ({ node: _node, ...props }: ComponentProps<"a"> & { node?: unknown }) => (
    <a {...props} target="_blank" rel="noopener noreferrer" />
  ),
  // A model-written image link would make the browser fetch any URL: show its description instead.
  img: ({ alt }) => <span className="muted">[image{alt ? `: ${alt}` : ""}]</span>,
};
// A table cell holds inline Markdown only: no paragraph around it, and nothing block-level.
const CELL_COMPONENTS: Components = { ...COMPONENTS, p: ({ children }) => <>{children}</> };
const INLINE_ELEMENTS = ["p", "a", "strong", "em", "code", "del", "br", "img"];

/**
 * A model-written report. Raw HTML in the Markdown is dropped, never rendered (`skipHtml`, and no
 * rehype-raw); react-markdown's default URL filter drops `javascript:` and other unsafe links, and
 * images are not loaded.
 * Pipe tables are cut out and rendered here (see pipe-tables.ts).
 */
export function ReportMarkdown({ markdown }: { markdown: string }) {
  return (
    <>
      {splitPipeTables(markdown).map((segment, i) =>
        segment.kind === "markdown" ? (
          // Segments are positional and the report does not change under them.
          <Markdown key={`md-${i}`} skipHtml components={COMPONENTS}>
            {segment.text}
          </Markdown>
        ) : (
          <table key={`table-${i}`}>
            <thead>
              <tr>
                {segment.header.map((cell, c) =>
                  // An empty header cell (a row-label column) is a plain cell: a header needs a name.
                  cell === "" ? (
                    <td key={`h-${c}`} />
                  ) : (
                    <th key={`h-${c}`} scope="col" style={alignStyle(segment.align[c])}>
                      <Cell text={cell} />
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {segment.rows.map((row, r) => (
                <tr key={`r-${r}`}>
                  {row.map((cell, c) => (
                    <td key={`c-${c}`} style={alignStyle(segment.align[c])}>
                      <Cell text={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </>
  );
}

function Cell({ text }: { text: string }) {
  if (text === "") return null;
  return (
    <Markdown skipHtml components={CELL_COMPONENTS} allowedElements={INLINE_ELEMENTS} unwrapDisallowed>
      {inlineCellMarkdown(text)}
    </Markdown>
  );
}

function alignStyle(align: Align | undefined) {
  return align ? { textAlign: align } : undefined;
}
