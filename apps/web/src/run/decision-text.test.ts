import { describe, expect, it } from "vitest";
import { changedValueText, decisionVerb } from "./decision-text.ts";

describe("changedValueText", () => {
  it("writes values as JSON so a string, a number and a list read differently", () => {
    expect(changedValueText(75)).toBe("75");
    expect(changedValueText("Spring")).toBe('"Spring"');
    expect(changedValueText(["skincare", "glowup"])).toBe('["skincare","glowup"]');
  });

  it("says (none) for the side where the value did not exist", () => {
    expect(changedValueText(undefined)).toBe("(none)");
    expect(changedValueText(null)).toBe("null");
  });

  it("cuts a long value to 160 characters ending in an ellipsis", () => {
    const text = changedValueText("x".repeat(500));
    expect(text).toHaveLength(160);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("decisionVerb", () => {
  it("tells an approval with edits from one as proposed, and names rejections and expiries", () => {
    expect(decisionVerb("approved", true)).toBe("Approved with edits");
    expect(decisionVerb("approved", false)).toBe("Approved as proposed");
    expect(decisionVerb("rejected", false)).toBe("Rejected");
    expect(decisionVerb("expired", false)).toBe("Expired without a decision");
  });
});
