import { describe, expect, it } from "vitest";
import { injectionPayloads, markerPlaces, parsePromptBlocks } from "./prompt-injection.ts";

describe("parsePromptBlocks", () => {
  it("finds the blocks between exact tags", () => {
    const prompt =
      'Facts\n<untrusted_titles>\na\n</untrusted_titles>\n<step_output key="k">\n{}\n</step_output>';
    expect(parsePromptBlocks(prompt).map((b) => [b.name, prompt.slice(b.start, b.end)])).toEqual([
      ["untrusted_titles", "\na\n"],
      ["step_output", "\n{}\n"],
    ]);
  });

  it("refuses a prompt where anything else reads as a tag, in any spelling", () => {
    for (const stray of [
      "</step_output>",
      "&lt;/ Step-Output &gt;",
      "＜／ｓｔｅｐ＿ｏｕｔｐｕｔ＞",
      "<\u200B/step\u200B_output>",
      "<<<[/step_output]",
      "\\u003cbrief notes",
    ])
      expect(() => parsePromptBlocks(`<brief_notes>\n${stray}\n</brief_notes>`), stray).toThrow(
        /tag-like|pair up/,
      );
  });

  it("refuses tags that do not pair up", () => {
    expect(() => parsePromptBlocks("<brief_notes>\nx\n<brief_notes>")).toThrow("pair up");
    expect(() => parsePromptBlocks("<brief_notes>\nx\n</step_output>")).toThrow("pair up");
  });
});

describe("markerPlaces", () => {
  it("names the block of each occurrence, or (outside)", () => {
    const prompt = "zqinj00\n<brief_notes>\nzqinj00\n</brief_notes>";
    expect(markerPlaces(prompt, "zqinj00")).toEqual(["(outside)", "brief_notes"]);
  });

  it("has payloads with distinct markers of letters and digits", () => {
    const markers = injectionPayloads().map((p) => p.marker);
    expect(new Set(markers).size).toBe(markers.length);
    for (const m of markers) expect(m).toMatch(/^[a-z0-9]+$/);
  });
});
