import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findTypeMismatch } from "./schema-compat.ts";

describe("findTypeMismatch", () => {
  it("names both types when a number goes where a string is taken", () => {
    expect(findTypeMismatch(z.number().int(), z.string())).toEqual({ source: "integer", target: "string" });
    expect(findTypeMismatch(z.boolean(), z.number())).toEqual({ source: "boolean", target: "number" });
    // A schema registered with an id is still compared, not hidden behind a $ref.
    expect(findTypeMismatch(z.number().meta({ id: "FollowerCount" }), z.string())).toEqual({
      source: "number",
      target: "string",
    });
  });

  it.each([
    ["a string enum into a string", z.enum(["brand", "creator"]), z.string().min(1)],
    ["a string literal into a string", z.literal("x"), z.string()],
    ["an enum into a wider enum", z.enum(["a", "b"]), z.enum(["a", "b", "c"])],
    ["an integer into a number", z.number().int().nonnegative(), z.number()],
    ["an array of strings into an array of strings", z.array(z.string()), z.array(z.string()).max(30)],
    [
      "an object with extra and optional-in-target fields into a compatible object",
      z.object({
        score: z.number().int(),
        label: z.string(),
        note: z.string().optional(),
        extra: z.boolean(),
      }),
      z.object({ score: z.number(), label: z.string(), note: z.string().optional() }),
    ],
    ["an optional value into an optional input", z.string().optional(), z.string().optional()],
    [
      "an optional value into an input with a default",
      z.array(z.string()).optional(),
      z.array(z.string()).default([]),
    ],
    ["a value into a nullable input", z.string(), z.string().nullable()],
    ["a nullable value into a nullable input", z.number().nullable(), z.number().nullish()],
    ["records of the same values", z.record(z.string(), z.number().int()), z.record(z.string(), z.number())],
    [
      "a value piped through a transform, read on its output side",
      z.string().transform(Number).pipe(z.number()),
      z.number(),
    ],
  ])("accepts %s", (_, source, target) => {
    expect(findTypeMismatch(source, target)).toBeUndefined();
  });

  it("refuses an optional or nullable value for an input that requires one", () => {
    expect(findTypeMismatch(z.string().optional(), z.string())).toEqual({
      source: "optional string",
      target: "string",
    });
    expect(findTypeMismatch(z.number().nullable(), z.number())).toEqual({
      source: "number or null",
      target: "number",
    });
    // A default fills in the value on the output side: the source always has one.
    expect(findTypeMismatch(z.string().default("x"), z.string())).toBeUndefined();
  });

  it("refuses an enum with a value the target does not take", () => {
    expect(findTypeMismatch(z.enum(["a", "b"]), z.enum(["a", "c"]))).toEqual({
      source: '"a" | "b"',
      target: '"a" | "c"',
    });
    expect(findTypeMismatch(z.enum(["a", "b"]), z.number())).toEqual({
      source: '"a" | "b"',
      target: "number",
    });
  });

  it("says where inside arrays and objects the types differ", () => {
    expect(findTypeMismatch(z.array(z.number()), z.array(z.string()))).toEqual({
      source: "array of number",
      target: "array of string",
      at: { path: "[]", source: "number", target: "string" },
    });
    const source = z.object({ slots: z.array(z.object({ hour: z.string() })) });
    const target = z.object({ slots: z.array(z.object({ hour: z.number().int() })) });
    expect(findTypeMismatch(source, target)?.at).toEqual({
      path: "slots[].hour",
      source: "string",
      target: "integer",
    });
  });

  it("refuses an object that lacks a required property, or has it optional", () => {
    const target = z.object({ score: z.number(), label: z.string() });
    expect(findTypeMismatch(z.object({ score: z.number() }), target)?.at).toEqual({
      path: "label",
      source: "missing",
      target: "string",
    });
    const optional = z.object({ score: z.number(), label: z.string().optional() });
    expect(findTypeMismatch(optional, target)?.at).toEqual({
      path: "label",
      source: "optional string",
      target: "string",
    });
  });

  it("refuses a property a strict object does not declare", () => {
    const found = findTypeMismatch(
      z.object({ a: z.string(), b: z.number() }),
      z.strictObject({ a: z.string() }),
    );
    expect(found?.at).toEqual({ path: "b", source: "number", target: "no such key" });
  });

  it.each([
    ["any", z.any(), z.string()],
    ["unknown", z.unknown(), z.number()],
    ["a transform JSON Schema cannot follow", z.string().transform((s) => s.length), z.string()],
    ["a union that fits only in part", z.union([z.string(), z.number()]), z.string()],
    ["a plain string into an enum", z.string(), z.enum(["a", "b"])],
    ["a number into an integer", z.number(), z.number().int()],
    ["a refined string into a string", z.string().refine((s) => s.length > 2), z.string().min(3)],
    ["a tuple into an array", z.tuple([z.string(), z.number()]), z.array(z.string())],
    ["a loose object that may hold the missing key", z.looseObject({}), z.object({ a: z.string() })],
    ["a date, which JSON Schema cannot express", z.date(), z.string()],
  ])("does not decide, and so accepts, %s", (_, source, target) => {
    expect(findTypeMismatch(source, target)).toBeUndefined();
  });

  it("refuses a union none of whose members fit", () => {
    expect(findTypeMismatch(z.union([z.number(), z.boolean()]), z.string())).toEqual({
      source: "number or boolean",
      target: "string",
    });
  });

  it("does not look into a recursive schema, which JSON Schema gives as a $ref", () => {
    type Node = { name: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(node) }));
    expect(findTypeMismatch(node, z.object({ name: z.number() }))).toBeUndefined();
  });
});
