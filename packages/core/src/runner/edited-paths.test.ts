import { describe, expect, it } from "vitest";
import { changedPaths, valueChanges } from "./edited-paths.ts";

describe("valueChanges", () => {
  it("reads a list of plain values as one change, so a reader sees what left and what came", () => {
    const proposed = { campaign: { budget: 50 }, ad_groups: [{ hashtags: ["skintok", "nailinspo"] }] };
    const edited = { campaign: { budget: 80 }, ad_groups: [{ hashtags: ["skintok", "glassskin"] }] };
    expect(valueChanges(proposed, edited)).toEqual([
      { path: "campaign.budget", before: 50, after: 80 },
      { path: "ad_groups.0.hashtags", before: ["skintok", "nailinspo"], after: ["skintok", "glassskin"] },
    ]);
    // The gate's editable check still sees each index: it matches paths, not changes.
    expect(changedPaths(proposed, edited)).toEqual(["campaign.budget", "ad_groups.0.hashtags.1"]);
  });

  it("walks into lists of objects item by item, and reports nothing for equal values", () => {
    expect(valueChanges([{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 3 }])).toEqual([
      { path: "1.a", before: 2, after: 3 },
    ]);
    expect(valueChanges({ tags: ["a"] }, { tags: ["a"] })).toEqual([]);
  });

  it("reads a list of objects whose length changed as one change at the list", () => {
    expect(valueChanges({ ads: [{ id: 1 }] }, { ads: [] })).toEqual([
      { path: "ads", before: [{ id: 1 }], after: [] },
    ]);
  });

  it("gives undefined for the side where a key is missing, and the whole value for a changed root", () => {
    expect(valueChanges({ a: 1 }, { a: 1, b: 2 })).toEqual([{ path: "b", before: undefined, after: 2 }]);
    expect(valueChanges(["x"], "y")).toEqual([{ path: "", before: ["x"], after: "y" }]);
  });

  it("finds nothing when the approved value equals the proposal", () => {
    expect(valueChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(changedPaths({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
