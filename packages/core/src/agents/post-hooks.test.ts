import { describe, expect, it } from "vitest";
import { quoted, uniquePostCopy } from "./post-hooks.ts";

describe("uniquePostCopy", () => {
  it("rotates topics and phrasings so no hook repeats, numbering parts only when both run out", () => {
    const copy = uniquePostCopy(["tutorial", "tutorial", "tutorial", "talking_head"], ["#skintok"]);
    expect(copy.map((c) => c.hook)).toEqual([
      "#skintok: the step everyone skips",
      "How I'd redo #skintok today",
      "#skintok: the step everyone skips (part 2)",
      "What nobody told you after #skintok",
    ]);
    expect(copy[1]?.caption).toContain("#skintok");
  });

  it("gives each post the next topic first", () => {
    const copy = uniquePostCopy(["tutorial", "tutorial"], ["“Glass skin in 3 steps”", "#grwm"]);
    expect(copy.map((c) => c.hook)).toEqual([
      "“Glass skin in 3 steps”: the step everyone skips",
      "#grwm: the step everyone skips",
    ]);
  });
});

describe("quoted", () => {
  it("quotes a title whole when short enough for a two-second hook, else its start", () => {
    expect(quoted("My SPF mistake")).toBe("“My SPF mistake”");
    expect(quoted("What I eat in a day to build muscle fast")).toBe("“What I eat in a day to…”");
  });
});
