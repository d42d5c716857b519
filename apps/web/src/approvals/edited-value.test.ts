import { describe, expect, it } from "vitest";
import {
  addListItem,
  cellText,
  editorKindOf,
  isEdited,
  parseJsonText,
  setCell,
  tableColumns,
} from "./edited-value.ts";

describe("editorKindOf", () => {
  it("gives lists of strings a list editor, empty lists included", () => {
    expect(editorKindOf(["#skintok", "#makeup"])).toBe("string-list");
    expect(editorKindOf([])).toBe("string-list");
  });

  it("gives lists of objects a table", () => {
    expect(editorKindOf([{ day: 1, idea: "GRWM" }])).toBe("table");
  });

  it("gives everything else the JSON editor", () => {
    expect(editorKindOf({ budget: 50 })).toBe("json");
    expect(editorKindOf([1, 2])).toBe("json");
    expect(editorKindOf([{ a: 1 }, "b"])).toBe("json");
    expect(editorKindOf(null)).toBe("json");
  });
});

describe("table edits", () => {
  const rows = [
    { day: 1, idea: "GRWM", tags: ["#a"], live: true },
    { day: 2, idea: "Tutorial" },
  ];

  it("lists every column any row has, in order of appearance", () => {
    expect(tableColumns([{ a: 1 }, { b: 2, a: 3 }])).toEqual(["a", "b"]);
  });

  it("keeps number, boolean and nested columns typed", () => {
    expect(setCell(rows, 1, "day", "5")[1]?.day).toBe(5);
    expect(setCell(rows, 0, "live", "false")[0]?.live).toBe(false);
    expect(setCell(rows, 0, "tags", '["#b"]')[0]?.tags).toEqual(["#b"]);
    expect(setCell(rows, 0, "idea", "Duet")[0]?.idea).toBe("Duet");
  });

  it("keeps text that does not parse as the column's kind, so the API can name the problem", () => {
    expect(setCell(rows, 0, "day", "soon")[0]?.day).toBe("soon");
    expect(setCell(rows, 0, "day", "")[0]?.day).toBe("");
  });

  it("takes a column's kind from another row when this row lacks the cell", () => {
    expect(setCell(rows, 1, "live", "true")[1]?.live).toBe(true);
  });

  it("does not change the rows it was given", () => {
    setCell(rows, 0, "idea", "changed");
    expect(rows[0]?.idea).toBe("GRWM");
  });

  it("shows cells as text", () => {
    expect(cellText(undefined)).toBe("");
    expect(cellText(3)).toBe("3");
    expect(cellText(["#a"])).toBe('["#a"]');
  });
});

describe("list and JSON edits", () => {
  it("adds trimmed new items, ignores blanks and refuses a duplicate with a message", () => {
    expect(addListItem(["#a"], "  #b ")).toEqual({ items: ["#a", "#b"] });
    expect(addListItem(["#a"], "   ")).toEqual({ items: ["#a"] });
    expect(addListItem(["#a"], "#a")).toEqual({ items: ["#a"], refused: "“#a” is already in the list." });
  });

  it("parses JSON or says why not", () => {
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText("{a:1}").ok).toBe(false);
  });
});

describe("isEdited", () => {
  it("ignores key order and sees removed items", () => {
    expect(isEdited({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(isEdited(["#a", "#b"], ["#b"])).toBe(true);
  });
});

describe("adding a hashtag", () => {
  const add = (items: string[], text: string) => addListItem(items, text, { hashtags: true });

  it("takes the tag without its leading # and surrounding spaces", () => {
    expect(add(["skincare"], "  #GlassSkin ")).toEqual({ items: ["skincare", "GlassSkin"] });
    expect(add([], "## dewy")).toEqual({ items: ["dewy"] });
  });

  it("refuses a tag already listed in any case, and says which one it matches", () => {
    expect(add(["skincare"], "#SkinCare")).toEqual({
      items: ["skincare"],
      refused: "#SkinCare is already in the list as #skincare.",
    });
    expect(add(["skincare"], "skincare").refused).toBe("#skincare is already in the list.");
  });

  it("refuses text a hashtag cannot hold, and adds nothing for a bare #", () => {
    expect(add(["skincare"], "glass skin")).toEqual({
      items: ["skincare"],
      refused:
        "“glass skin” is not a hashtag: a hashtag holds only letters, digits and underscores, no spaces.",
    });
    expect(add(["skincare"], " # ")).toEqual({ items: ["skincare"] });
    expect(add([], "#piel_de_porcelana")).toEqual({ items: ["piel_de_porcelana"] });
  });
});
