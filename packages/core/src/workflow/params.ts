import { z } from "zod";
import type { WorkflowDef } from "./types.ts";

/** JSON values of a run's params, as stored with the run's brief. */
export type RunParams = Record<string, z.core.util.JSONType>;

/** Params a workflow refused; `field` is `params.<path>`, ready to sit beside a form field. */
export class RunParamsError extends Error {
  override readonly name = "RunParamsError";
  readonly code = "invalid_params" as const;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * A run's params checked against its workflow's `params` schema (defaults applied, handles
 * normalised...). A workflow without params takes none. Throws RunParamsError naming the first
 * field it refuses.
 * @example
 * parseRunParams(COMPETITOR_SCAN, { competitors: ["@rival"] }); // { competitors: ["rival"] }
 */
export function parseRunParams(
  workflow: Pick<WorkflowDef, "slug" | "params" | "paramsFromLatestRun">,
  params: unknown,
  options: { beforeLatestRunFill?: boolean } = {},
): RunParams | undefined {
  const empty = params === undefined || (isPlainObject(params) && Object.keys(params).length === 0);
  if (!workflow.params) {
    if (empty) return undefined;
    throw new RunParamsError("params", `workflow "${workflow.slug}" takes no params`);
  }
  // A brief is checked before its run fills params from the latest run: those may be missing then.
  const deferred = options.beforeLatestRunFill ? Object.keys(workflow.paramsFromLatestRun ?? {}) : [];
  const schema =
    deferred.length > 0
      ? workflow.params.extend(
          Object.fromEntries(
            deferred.flatMap((f) => {
              const field = workflow.params?.shape[f];
              return field ? [[f, field.optional()]] : [];
            }),
          ),
        )
      : workflow.params;
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["params", ...(issue?.path ?? [])].join(".");
    throw new RunParamsError(field, issue?.message ?? "invalid");
  }
  // Params travel as JSON (stored with the run, shown in the dashboard): refuse what JSON cannot hold.
  const json = z.record(z.string(), z.json()).safeParse(parsed.data);
  if (!json.success) throw new RunParamsError("params", "must be plain JSON values");
  return json.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
