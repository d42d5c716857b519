import { describe, expect, it } from "vitest";
import { startRunInputSchema } from "./start-run-input.ts";

const issuesOf = (input: unknown) =>
  startRunInputSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);

describe("startRunInputSchema", () => {
  it("takes a brief's id, or a handle and a target type, normalising the handle", () => {
    const briefId = "0b5f8a52-4a8e-4d53-9a43-7f4d3c1e2b10";
    expect(startRunInputSchema.parse({ slug: "profile_audit", briefId })).toEqual({
      slug: "profile_audit",
      briefId,
    });
    expect(
      startRunInputSchema.parse({ slug: "profile_audit", handle: "@laku", targetType: "brand" }),
    ).toEqual({
      slug: "profile_audit",
      handle: "laku",
      targetType: "brand",
    });
  });

  it("names every field of the branch the caller meant, not 'invalid input'", () => {
    expect(issuesOf({ slug: "Audit", handle: "!", targetType: "planet", notes: "x".repeat(4001) })).toEqual([
      ["slug", "slug must be lower_snake_case"],
      ["handle", "handle must be 2–24 letters, digits, underscores or periods"],
      ["targetType", expect.stringContaining('"brand"')],
      ["notes", "notes must be at most 4000 characters"],
    ]);
    expect(issuesOf({ slug: "profile_audit", briefId: "nope" })).toEqual([
      ["briefId", "briefId must be a UUID"],
    ]);
  });

  it("refuses a brief's id mixed with ad-hoc fields, and anything that is not an object", () => {
    expect(
      issuesOf({ slug: "profile_audit", briefId: "0b5f8a52-4a8e-4d53-9a43-7f4d3c1e2b10", handle: "x" }),
    ).toEqual([["", expect.stringContaining('"handle"')]]);
    expect(issuesOf(undefined)).toEqual([["", expect.stringContaining("expected object")]]);
  });
});
