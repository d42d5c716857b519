import { describe, expect, it } from "vitest";
import { changedPaths, valueChanges } from "./edited-paths.ts";

describe("valueChanges", () => {
  it("lists each edited leaf with the proposed value before and the approved value after", () => {
    const proposed = { campaign: { budget: 50, name: "Spring" }, hashtags: ["a", "b"] };
    const edited = { campaign: { budget: 75, name: "Spring" }, hashtags: ["a", "c"] };
    expect(valueChanges(proposed, edited)).toEqual([
      { path: "campaign.budget", before: 50, after: 75 },
      { path: "hashtags.1", before: "b", after: "c" },
    ]);
  });

  it("shows a list whose length changed as the whole list before and after", () => {
    expect(valueChanges({ tags: ["a", "b", "c"] }, { tags: ["a", "c"] })).toEqual([
      { path: "tags", before: ["a", "b", "c"], after: ["a", "c"] },
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
