import { SEEDED_WORKFLOWS_BY_SLUG } from "@tiktok-army/core";
import { describe, expect, it } from "vitest";
import { BRIEF_OUTCOMES } from "./briefs.ts";

describe("BRIEF_OUTCOMES", () => {
  it("names a workflow of the code for every outcome the database allows", () => {
    for (const outcome of BRIEF_OUTCOMES) expect(SEEDED_WORKFLOWS_BY_SLUG.has(outcome), outcome).toBe(true);
  });
});
