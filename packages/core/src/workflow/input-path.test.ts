import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInputPath, schemaAtPath, valueAtPath } from "./input-path.ts";

describe("parseInputPath", () => {
  it("parses brief fields and step output paths", () => {
    expect(parseInputPath("brief.handle")).toEqual({ source: "brief", field: "handle" });
    expect(parseInputPath("health.output.metrics.engagement_rate_by_views.value")).toEqual({
      source: "step",
      stepKey: "health",
      path: ["metrics", "engagement_rate_by_views", "value"],
    });
  });

  it.each([
    "brief",
    "brief.a.b",
    "health.output",
    "health.input.x",
    "health..output.x",
    "health.output.x-y",
    "",
  ])("rejects %j", (raw) => expect(parseInputPath(raw)).toBeUndefined());
});

describe("schemaAtPath", () => {
  const schema = z.object({
    a: z.object({ b: z.array(z.object({ c: z.number() })).optional() }),
    r: z.record(z.string(), z.string()),
  });

  it("walks objects, optional wrappers, array indexes and records", () => {
    expect(schemaAtPath(schema, ["a", "b", "0", "c"])).toBeInstanceOf(z.ZodNumber);
    expect(schemaAtPath(schema, ["r", "anything"])).toBeInstanceOf(z.ZodString);
  });

  it("returns undefined for a path the schema does not have", () => {
    expect(schemaAtPath(schema, ["a", "x"])).toBeUndefined();
    expect(schemaAtPath(schema, ["a", "b", "c"])).toBeUndefined();
  });
});

describe("valueAtPath", () => {
  it("finds present values, including falsy ones, and reports missing ones", () => {
    expect(valueAtPath({ a: { b: [0, 5] } }, ["a", "b", "1"])).toEqual({ found: true, value: 5 });
    expect(valueAtPath({ a: { b: 0 } }, ["a", "b"])).toEqual({ found: true, value: 0 });
    expect(valueAtPath({ a: {} }, ["a", "b"])).toEqual({ found: false });
    expect(valueAtPath({ a: null }, ["a", "b"])).toEqual({ found: false });
  });
});
