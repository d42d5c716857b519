import { describe, expect, it } from "vitest";
import { InputResolutionError, resolveStepInput } from "./resolve-input.ts";

const brief = { handle: "lakucosmetics", targetType: "brand" as const };

describe("resolveStepInput", () => {
  it("reads brief fields and paths into ancestor outputs", () => {
    const input = resolveStepInput(
      { key: "plan", inputMap: { handle: "brief.handle", category: "health.output.profile.category" } },
      brief,
      { health: { profile: { category: "beauty" } } },
    );
    expect(input).toEqual({ handle: "lakucosmetics", category: "beauty" });
  });

  it("leaves out an absent optional brief field", () => {
    expect(resolveStepInput({ key: "s", inputMap: { notes: "brief.notes" } }, brief, {})).toEqual({});
  });

  it("names the step and the path when an output path has no value", () => {
    const run = () =>
      resolveStepInput({ key: "plan", inputMap: { category: "health.output.categroy" } }, brief, {
        health: {},
      });
    expect(run).toThrow(InputResolutionError);
    expect(run).toThrow('step "plan": input "category" maps "health.output.categroy"');
  });
});
