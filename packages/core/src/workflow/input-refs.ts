import type { RunBrief } from "./brief.ts";

// Type-only brand: a Ref carries the type of the value at its path, nothing at run time.
declare const valueAtRef: unique symbol;

/**
 * A path into a run's data (a brief field, a param, a step's output) holding a `T`. A Ref fits an
 * agent input of type `I` when `T` is assignable to `I`, as `validateWorkflow` checks it at run time.
 */
export interface Ref<T> {
  readonly [valueAtRef]: T;
}

/**
 * A Ref to a value and, through objects, arrays and records, to each part of it:
 * `steps.account_health.metrics.engagement_rate_by_views.value`, `steps.trends.hashtag_names[0]`.
 * A part of an optional value is typed as the part: a run where the parent is missing fails at run
 * time, the same rule `validateWorkflow` applies.
 */
export type Refs<T> = Ref<T> & RefParts<NonNullable<T>>;
type RefParts<T> = T extends readonly (infer E)[]
  ? { readonly [index: number]: Refs<E> }
  : T extends object
    ? { readonly [K in keyof T]-?: Refs<T[K]> }
    : unknown;

/** What an input callback reads: `brief.<field>`, `params.<field>` and the outputs of upstream steps. */
export interface InputSources<Params, Outputs> {
  brief: FieldRefs<Omit<RunBrief, "params">>;
  params: FieldRefs<Params>;
  /** Only steps upstream of this one, through `dependsOn`: a path may read nothing else. */
  steps: { readonly [K in keyof Outputs]: Refs<Outputs[K]> };
}
/** One level only: `brief.<field>` and `params.<field>` paths have no deeper parts. */
type FieldRefs<T> = { readonly [K in keyof T]-?: Ref<T[K]> };

const PATH = Symbol("path");

/** The sources an input callback is called with; each Ref it returns knows its path (`pathOf`). */
export function inputSources(): InputSources<unknown, unknown> {
  return {
    brief: refAt("brief") as never,
    params: refAt("params") as never,
    steps: new Proxy({}, { get: (_, key) => (typeof key === "string" ? refAt(`${key}.output`) : undefined) }),
  } as InputSources<unknown, unknown>;
}

function refAt(path: string): unknown {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === PATH) return path;
        return typeof key === "string" ? refAt(`${path}.${key}`) : undefined;
      },
    },
  );
}

/** The inputMap path of a Ref from `inputSources`; undefined for anything else (a literal value). */
export function pathOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const path = (value as { [PATH]?: unknown })[PATH];
  return typeof path === "string" ? path : undefined;
}
