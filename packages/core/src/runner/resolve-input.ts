import type { RunBrief } from "../workflow/brief.ts";
import { parseInputPath, valueAtPath } from "../workflow/input-path.ts";

/** An inputMap path that has no value in this run: names the step, the input and the path. */
export class InputResolutionError extends Error {
  override readonly name = "InputResolutionError";
  readonly code = "input_missing" as const;
  constructor(
    readonly stepKey: string,
    readonly field: string,
    readonly path: string,
  ) {
    super(`step "${stepKey}": input "${field}" maps "${path}", which has no value in this run`);
  }
}

/** Builds a step's input from the brief (and its params) and the outputs of the steps before it. */
export function resolveStepInput(
  step: { key: string; inputMap?: Readonly<Record<string, string>> },
  brief: RunBrief,
  outputs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(step.inputMap ?? {})) {
    const path = parseInputPath(raw);
    if (!path) throw new InputResolutionError(step.key, field, raw);
    const found =
      path.source === "brief"
        ? valueAtPath(brief, [path.field])
        : path.source === "params"
          ? valueAtPath(brief.params ?? {}, [path.field])
          : Object.hasOwn(outputs, path.stepKey)
            ? valueAtPath(outputs[path.stepKey], path.path)
            : { found: false as const };
    // An optional brief field (notes) or param that is absent is fine; the agent's schema decides.
    if (!found.found && path.source === "step") throw new InputResolutionError(step.key, field, raw);
    if (found.found && found.value !== undefined) input[field] = found.value;
  }
  return input;
}
