/**
 * GitHub-style pipe tables, which plain CommonMark (react-markdown without remark-gfm) renders as
 * paragraphs of pipes. Reports use them for metrics, so the report page cuts them out of the
 * Markdown and renders them itself; everything else stays Markdown.
 */

export type Align = "left" | "center" | "right" | null;

export type ReportSegment =
  | { kind: "markdown"; text: string }
  | { kind: "table"; header: string[]; align: Align[]; rows: string[][] };

const DELIMITER_CELL = /^\s*:?-+:?\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

/** Splits Markdown into runs of Markdown and the pipe tables between them, in order. */
export function splitPipeTables(markdown: string): ReportSegment[] {
  const lines = markdown.split(/\r?\n/);
  const segments: ReportSegment[] = [];
  let text: string[] = [];
  let fence: string | null = null;

  const flush = () => {
    if (text.some((l) => l.trim() !== "")) segments.push({ kind: "markdown", text: text.join("\n") });
    text = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? "";
      if (fence === null) fence = marker;
      else if (marker === fence) fence = null;
    }
    const header = fence === null ? tableHeader(line, lines[i + 1]) : null;
    if (!header) {
      text.push(line);
      continue;
    }
    flush();
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = lines[j] ?? "";
      if (row.trim() === "" || !row.includes("|")) break;
      rows.push(fitRow(splitRow(row), header.cells.length));
    }
    segments.push({ kind: "table", header: header.cells, align: header.align, rows });
    i = j - 1;
  }
  flush();
  return segments;
}

function tableHeader(line: string, next: string | undefined): { cells: string[]; align: Align[] } | null {
  if (!line.includes("|") || next === undefined || !next.includes("-")) return null;
  const cells = splitRow(line);
  const delimiters = splitRow(next);
  if (cells.length === 0 || delimiters.length !== cells.length) return null;
  if (!delimiters.every((d) => DELIMITER_CELL.test(d))) return null;
  return { cells, align: delimiters.map(alignOf) };
}

function alignOf(delimiter: string): Align {
  const d = delimiter.trim();
  const left = d.startsWith(":");
  const right = d.endsWith(":");
  if (left && right) return "center";
  if (right) return "right";
  if (left) return "left";
  return null;
}

/** The cells of `| a | b |` (outer pipes optional, `\|` is a literal pipe). */
function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < row.length; i++) {
    const char = row[i];
    if (char === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (char === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** GFM pads short rows with empty cells and drops the excess of long ones. */
function fitRow(cells: string[], width: number): string[] {
  return Array.from({ length: width }, (_, i) => cells[i] ?? "");
}

const BLOCK_START = /^(#{1,6}(?=\s|$)|[>+*-](?=\s|$)|\d{1,9}[.)](?=\s|$)|={1,}\s*$)/;

/**
 * A cell is inline Markdown: escapes a start that would make it a block (`#` is a heading,
 * `1.` a list, `>` a quote), so a cell reading `#` shows a `#`.
 */
export function inlineCellMarkdown(cell: string): string {
  return BLOCK_START.test(cell) ? `\\${cell}` : cell;
}
