import { z } from "zod";

type Json = z.core.JSONSchema.JSONSchema;

/** How a value a source schema outputs can fail a target schema's input, each side described in words. */
export interface TypeMismatch {
  /** The whole source value, e.g. `number`, `optional string`, `array of string`. */
  source: string;
  target: string;
  /** Where inside the value the two first differ, when that is not the value itself. */
  at?: { path: string; source: string; target: string };
}

/**
 * A mismatch when some value `source` outputs is certainly not a value `target` accepts as input, judged on
 * their JSON Schemas: type (an integer is a number), string enums and literals, null and optional, array
 * items and object properties, recursively. Constraints (min, regex, refinements) are not compared, and
 * whatever the JSON Schema cannot say (transforms, any, unknown, unions that fit only in part, tuples,
 * recursive schemas) passes: this check refuses only what is sure to fail.
 * @example
 * findTypeMismatch(z.number(), z.string()); // { source: "number", target: "string" }
 * findTypeMismatch(z.enum(["a", "b"]), z.string()); // undefined
 */
export function findTypeMismatch(source: z.ZodType, target: z.ZodType): TypeMismatch | undefined {
  const from = asSlot(source, "output");
  const to = asSlot(target, "input");
  if (!from || !to) return undefined;
  const found = compareSlots(from, to, []);
  if (!found) return undefined;
  const whole = { source: describeSlot(from), target: describeSlot(to) };
  if (found.path.length === 0) return whole;
  return { ...whole, at: { path: formatPath(found.path), source: found.source, target: found.target } };
}

/** A schema where it sits in an object: a value that may be left out is `optional`. */
interface Slot {
  schema: Json;
  optional: boolean;
}

interface Found {
  path: string[];
  source: string;
  target: string;
}

// Wrapped as a property so that optionality shows in `required`. The output side of the source is what it
// gives and the input side of the target what it accepts: `.default()` makes a target optional, not a source.
// An empty metadata registry keeps ids out, so that only recursion turns into a `$ref`.
function asSlot(schema: z.ZodType, io: "input" | "output"): Slot | undefined {
  try {
    const json = z.toJSONSchema(z.object({ value: schema }), {
      io,
      unrepresentable: "any",
      metadata: z.registry(),
    });
    const value = json.properties?.value;
    if (typeof value !== "object") return undefined;
    return { schema: value, optional: !json.required?.includes("value") };
  } catch {
    return undefined;
  }
}

function compareSlots(from: Slot, to: Slot, path: string[]): Found | undefined {
  if (from.optional && !to.optional) return { path, source: describeSlot(from), target: describeSlot(to) };
  return compare(from.schema, to.schema, path);
}

function compare(source: Json, target: Json, path: string[]): Found | undefined {
  const sources = alternatives(source);
  const targets = alternatives(target);
  const [oneSource] = sources ?? [];
  const [oneTarget] = targets ?? [];
  // No alternatives: a form this check does not read, or a schema no value fits (never).
  if (!sources || !targets || !oneSource || !oneTarget) return undefined;
  const found = (): Found => ({ path, source: describe(source), target: describe(target) });
  if (sources.length > 1) {
    const results = sources.map((s) => compare(s, target, path));
    // Null and literal alternatives are certain values; a wider one that fits only in part may be a guess.
    const certain = sources.some((s, i) => results[i] && (s.type === "null" || "const" in s));
    return results.every(Boolean) || certain ? found() : undefined;
  }
  if (targets.length > 1) return targets.some((t) => !compare(source, t, path)) ? undefined : found();
  const result = compareOne(oneSource, oneTarget, path);
  return result === true ? found() : result;
}

// The alternatives a schema allows: union members, enum values as literals, each of several types.
// Undefined when the schema is something this check does not read ($ref, allOf, not).
function alternatives(schema: Json): Json[] | undefined {
  if (schema.$ref !== undefined || schema.allOf || schema.not !== undefined) return undefined;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const members = union.map(alternatives);
    return members.every((m) => m !== undefined) ? members.flat() : undefined;
  }
  if (schema.enum) return schema.enum.map((value) => ({ const: value }));
  if (Array.isArray(schema.type)) return schema.type.map((type) => ({ ...schema, type }));
  return [schema];
}

/** Compares one alternative with one; true when they certainly differ, a Found when they differ inside. */
function compareOne(source: Json, target: Json, path: string[]): Found | true | undefined {
  const unsaid = (s: Json) => !("const" in s) && typeof s.type !== "string"; // any, unknown, a transform
  if (unsaid(source) || unsaid(target)) return undefined;
  if ("const" in target) {
    if ("const" in source) return source.const === target.const ? undefined : true;
    // A typed source may or may not hold the literal: only a source of another type certainly misses it.
    return fits(valueType(target.const), source.type) ? undefined : true;
  }
  if ("const" in source) return fits(valueType(source.const), target.type) ? undefined : true;
  if (source.type === "number" && target.type === "integer") return undefined; // a constraint, like min
  if (!fits(source.type, target.type)) return true;
  if (target.type === "array") return compareItems(source, target, path);
  if (target.type === "object") return compareProperties(source, target, path);
  return undefined;
}

function compareItems(source: Json, target: Json, path: string[]): Found | undefined {
  if (source.prefixItems || target.prefixItems) return undefined;
  const [from, to] = [source.items, target.items];
  if (!isSchema(from) || !isSchema(to)) return undefined;
  return compare(from, to, [...path, "[]"]);
}

function compareProperties(source: Json, target: Json, path: string[]): Found | undefined {
  const [from, to] = [source.properties ?? {}, target.properties ?? {}];
  const [fromRequired, toRequired] = [new Set(source.required), new Set(target.required)];
  // A record or loose object may hold any key, so a property it does not list may still be there.
  const fromClosed = source.additionalProperties === false;
  for (const [key, toSchema] of Object.entries(to)) {
    const fromSchema = Object.hasOwn(from, key) ? from[key] : undefined;
    if (fromSchema === undefined) {
      if (fromClosed && toRequired.has(key) && isSchema(toSchema))
        return { path: [...path, key], source: "missing", target: describe(toSchema) };
      continue;
    }
    if (!isSchema(fromSchema) || !isSchema(toSchema)) continue;
    const found = compareSlots(
      { schema: fromSchema, optional: !fromRequired.has(key) },
      { schema: toSchema, optional: !toRequired.has(key) },
      [...path, key],
    );
    if (found) return found;
  }
  const toOthers = target.additionalProperties;
  for (const [key, fromSchema] of Object.entries(from)) {
    if (Object.hasOwn(to, key) || !isSchema(fromSchema)) continue;
    const fromSlot = { schema: fromSchema, optional: !fromRequired.has(key) };
    if (toOthers === false)
      return { path: [...path, key], source: describeSlot(fromSlot), target: "no such key" };
    const found = isSchema(toOthers) ? compare(fromSchema, toOthers, [...path, key]) : undefined;
    if (found) return found;
  }
  const fromOthers = source.additionalProperties;
  if (isSchema(fromOthers) && isSchema(toOthers)) return compare(fromOthers, toOthers, [...path, "*"]);
  return undefined;
}

function isSchema(schema: unknown): schema is Json {
  return typeof schema === "object" && schema !== null && !Array.isArray(schema);
}

function valueType(value: Json["const"]): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function fits(sourceType: unknown, targetType: unknown): boolean {
  return sourceType === targetType || (sourceType === "integer" && targetType === "number");
}

function describeSlot(slot: Slot): string {
  return slot.optional ? `optional ${describe(slot.schema)}` : describe(slot.schema);
}

/** `number`, `"a" | "b"`, `string or null`, `array of (string or null)`, `object`; `any` when unsaid. */
function describe(schema: Json): string {
  if (schema.$ref !== undefined) return "a recursive schema";
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(describe).join(" or ");
  if ("const" in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.type))
    return schema.type.map((type) => describe({ ...schema, type })).join(" or ");
  if (schema.type === "array") {
    if (!isSchema(schema.items)) return "array";
    const items = describe(schema.items);
    return `array of ${items.includes(" ") && !items.startsWith("array") ? `(${items})` : items}`;
  }
  return schema.type ?? "any";
}

function formatPath(path: readonly string[]): string {
  return path.map((segment, i) => (segment === "[]" || i === 0 ? segment : `.${segment}`)).join("");
}
