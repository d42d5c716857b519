import { describe, expect, it } from "vitest";
import { createBriefSchema } from "./create-brief-input.ts";

describe("createBriefSchema", () => {
  it("takes an outcome that is a workflow slug, and names the field of one that is not", () => {
    const brief = { handle: "@laku", targetType: "brand", outcome: "profile_audit" };
    expect(createBriefSchema.parse(brief)).toMatchObject({ handle: "laku", outcome: "profile_audit" });
    const issue = createBriefSchema.safeParse({ ...brief, outcome: "Fame!" }).error?.issues[0];
    expect(issue?.path).toEqual(["outcome"]);
  });
});
