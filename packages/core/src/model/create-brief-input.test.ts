import { describe, expect, it } from "vitest";
import { SEEDED_WORKFLOWS_BY_SLUG } from "../workflows/seeded.ts";
import { BRIEF_OUTCOMES, createBriefSchema } from "./create-brief-input.ts";

describe("BRIEF_OUTCOMES", () => {
  it("names a seeded workflow for every outcome", () => {
    for (const outcome of BRIEF_OUTCOMES) expect(SEEDED_WORKFLOWS_BY_SLUG.has(outcome), outcome).toBe(true);
  });
});

describe("createBriefSchema", () => {
  it("refuses an outcome no workflow serves, listing the ones there are", () => {
    const issue = createBriefSchema.safeParse({ handle: "laku", targetType: "brand", outcome: "fame" }).error
      ?.issues[0];
    expect(issue?.path).toEqual(["outcome"]);
    expect(issue?.message).toBe(`outcome must be one of ${BRIEF_OUTCOMES.join(", ")}`);
  });
});
