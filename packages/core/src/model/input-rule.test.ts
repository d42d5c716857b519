import { describe, expect, it } from "vitest";
import { findInputProblem, MAX_INPUT_DEPTH } from "./input-rule.ts";

const NUL = "must not contain a NUL character (\\u0000)";
const SURROGATE = "must not contain an unpaired UTF-16 surrogate";

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("findInputProblem", () => {
  it("passes ordinary input, emoji and other paired surrogates included", () => {
    expect(
      findInputProblem({ notes: "Launch 🚀 in 東京", params: { competitors: ["@rival"] }, limit: 3 }),
    ).toBeUndefined();
    expect(findInputProblem(undefined)).toBeUndefined();
  });

  it("names the path of the first string holding a NUL or a lone surrogate, at any depth", () => {
    expect(findInputProblem({ notes: "a\u0000b" })).toEqual({ path: ["notes"], message: NUL });
    expect(findInputProblem({ comment: "ok", editedValue: ["fine", "x\uD800"] })).toEqual({
      path: ["editedValue", 1],
      message: SURROGATE,
    });
    expect(findInputProblem({ params: { a: { b: ["\uDC00y"] } } })).toEqual({
      path: ["params", "a", "b", 0],
      message: SURROGATE,
    });
    // A high surrogate at the very end, and a low one at the very start, are unpaired too.
    expect(findInputProblem("\uD83D")?.message).toBe(SURROGATE);
    expect(findInputProblem("\uDE80")?.message).toBe(SURROGATE);
    expect(findInputProblem("\uD83D\uDE80")).toBeUndefined();
  });

  it("checks object keys too, and shows a refused key readably", () => {
    expect(findInputProblem({ params: { "bad\u0000key": 1 } })).toEqual({
      path: ["params", "bad\uFFFDkey"],
      message: `has a key that ${NUL}`,
    });
  });

  it("names the first problem in reading order", () => {
    expect(findInputProblem({ a: ["ok", "\u0000"], b: "\u0000" })?.path).toEqual(["a", 1]);
  });

  it(`takes ${MAX_INPUT_DEPTH} levels of nesting and refuses more, without recursing`, () => {
    expect(findInputProblem({ editedValue: nested(MAX_INPUT_DEPTH - 1) })).toBeUndefined();
    const deep = findInputProblem({ editedValue: nested(MAX_INPUT_DEPTH) });
    expect(deep?.message).toBe(`must not nest deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(deep?.path[0]).toBe("editedValue");
    expect(findInputProblem({ editedValue: nested(100_000) })?.path).toHaveLength(MAX_INPUT_DEPTH);
  });

  it("stops at a cycle, which only an in-process caller can send", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(findInputProblem(cycle)?.message).toContain("nest deeper");
  });
});
