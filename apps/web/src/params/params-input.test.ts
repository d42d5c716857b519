import { describe, expect, it } from "vitest";
import { emptyDraft, type ParamSchema, paramKind, paramsInput } from "./params-input.ts";

const COMPETITOR_SCAN: ParamSchema = {
  type: "object",
  properties: {
    competitors: { type: "array", items: { type: "string" }, maxItems: 10 },
    window: { type: "integer", minimum: 7 },
    region: { type: "string", enum: ["US", "GB"] },
    paidOnly: { type: "boolean" },
    budget: {
      type: "object",
      properties: { amount: { type: "number" }, currency: { type: "string", enum: ["USD", "EUR"] } },
      required: ["amount", "currency"],
    },
  },
  required: ["competitors"],
};

describe("params forms", () => {
  it("pick a control for each kind of field", () => {
    const props = COMPETITOR_SCAN.properties ?? {};
    expect(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, paramKind(s)]))).toEqual({
      competitors: "list",
      window: "number",
      region: "choice",
      paidOnly: "boolean",
      budget: "object",
    });
    expect(paramKind({ type: "array", items: { type: "object" } })).toBe("json");
  });

  it("start empty and send nothing when nothing was filled in", () => {
    const draft = emptyDraft(COMPETITOR_SCAN);
    expect(draft).toEqual({
      competitors: "",
      window: "",
      region: "",
      paidOnly: false,
      budget: { amount: "", currency: "" },
    });
    expect(paramsInput(COMPETITOR_SCAN, draft)).toBeUndefined();
  });

  it("send lists split by line or comma, numbers as numbers and nested objects", () => {
    const draft = {
      ...emptyDraft(COMPETITOR_SCAN),
      competitors: "@rival_one, rivaltwo\n\n rival.three ",
      window: "14",
      paidOnly: true,
      budget: { amount: "75.5", currency: "EUR" },
    };
    expect(paramsInput(COMPETITOR_SCAN, draft)).toEqual({
      competitors: ["@rival_one", "rivaltwo", "rival.three"],
      window: 14,
      paidOnly: true,
      budget: { amount: 75.5, currency: "EUR" },
    });
  });

  it("send a number field's text as typed when it is not a number, for the API to name", () => {
    expect(paramsInput(COMPETITOR_SCAN, { window: "two weeks" })).toEqual({ window: "two weeks" });
  });

  it("send nothing for a workflow without params", () => {
    expect(paramsInput(null, {})).toBeUndefined();
  });
});
