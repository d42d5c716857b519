import { describe, expect, it } from "vitest";
import { inlineCellMarkdown, splitPipeTables } from "./pipe-tables.ts";

describe("splitPipeTables", () => {
  it("leaves Markdown without tables as one segment", () => {
    expect(splitPipeTables("# Title\n\nSome **text**.")).toEqual([
      { kind: "markdown", text: "# Title\n\nSome **text**." },
    ]);
  });

  it("cuts a table out between the Markdown around it", () => {
    const md = [
      "Intro",
      "",
      "| Metric | Value | Formula |",
      "| --- | ---: | :---: |",
      "| ER | 9.61% | likes / views |",
      "| Views | **213K** | mean |",
      "",
      "After",
    ].join("\n");
    expect(splitPipeTables(md)).toEqual([
      { kind: "markdown", text: "Intro\n" },
      {
        kind: "table",
        header: ["Metric", "Value", "Formula"],
        align: [null, "right", "center"],
        rows: [
          ["ER", "9.61%", "likes / views"],
          ["Views", "**213K**", "mean"],
        ],
      },
      { kind: "markdown", text: "\nAfter" },
    ]);
  });

  it("reads tables without outer pipes, escaped pipes, and short or long rows", () => {
    const md = "a | b\n--|--\n1 \\| 2 | 3\nonly|\nx | y | z";
    const [table] = splitPipeTables(md);
    expect(table).toEqual({
      kind: "table",
      header: ["a", "b"],
      align: [null, null],
      rows: [
        ["1 | 2", "3"],
        ["only", ""],
        ["x", "y"],
      ],
    });
  });

  it("keeps an empty first header cell", () => {
    const [table] = splitPipeTables("| | Video |\n| --- | --- |\n| Top | GRWM |");
    expect(table).toMatchObject({ header: ["", "Video"], rows: [["Top", "GRWM"]] });
  });

  it("does not take pipes in fenced code for a table", () => {
    const md = "```\n| a | b |\n| - | - |\n```";
    expect(splitPipeTables(md)).toEqual([{ kind: "markdown", text: md }]);
  });

  it("needs a delimiter row with as many cells as the header", () => {
    const md = "| a | b |\n| --- |\n| 1 | 2 |";
    expect(splitPipeTables(md)).toEqual([{ kind: "markdown", text: md }]);
  });
});

describe("inlineCellMarkdown", () => {
  it("escapes cell starts that Markdown would read as a block", () => {
    expect(inlineCellMarkdown("#")).toBe("\\#");
    expect(inlineCellMarkdown("1.")).toBe("\\1.");
    expect(inlineCellMarkdown("- x")).toBe("\\- x");
    expect(inlineCellMarkdown("> quote")).toBe("\\> quote");
  });

  it("leaves inline Markdown alone", () => {
    expect(inlineCellMarkdown("#drugstoremakeup")).toBe("#drugstoremakeup");
    expect(inlineCellMarkdown("**85**/100")).toBe("**85**/100");
    expect(inlineCellMarkdown("-6")).toBe("-6");
    expect(inlineCellMarkdown("+5.2")).toBe("+5.2");
    expect(inlineCellMarkdown("1")).toBe("1");
  });
});
