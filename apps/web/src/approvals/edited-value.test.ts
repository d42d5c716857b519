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
  it("adds trimmed new items and ignores blanks and duplicates", () => {
    expect(addListItem(["#a"], "  #b ")).toEqual(["#a", "#b"]);
    expect(addListItem(["#a"], "#a")).toEqual(["#a"]);
    expect(addListItem(["#a"], "   ")).toEqual(["#a"]);
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
