import type { z } from "zod";
import type { AnyAgent } from "../agents/contract.ts";
import { AGENT_REGISTRY } from "../agents/index.ts";
import type { AgentRegistry } from "../agents/registry.ts";
import { validateWorkflow } from "./define-workflow.ts";
import { WorkflowDefinitionError, type WorkflowProblem } from "./errors.ts";
import { type InputSources, inputSources, pathOf, type Ref } from "./input-refs.ts";
import type { approvalOptionsSchema } from "./nodes.ts";
import type {
  AgentStepDef,
  ApprovalStepDef,
  LatestRunSource,
  SynthesisStepDef,
  WorkflowDef,
  WorkflowStepDef,
} from "./types.ts";

/** What the builder knows of each step so far: its output's type, and the keys upstream of it. */
type StepTypes = Record<string, { output: object; upstream: string }>;
type KeyOf<S> = keyof S & string;
/** No steps yet, no params, no required input. */
type Empty = Record<never, never>;
/** A key not taken yet; a taken one is refused with a message instead of `never`. */
type NewKey<K extends string, S> = K extends keyof S ? `step "${K}" exists already` : K;
type Upstream<S extends StepTypes, D extends string> = D | S[D]["upstream"];
type OutputsOf<S extends StepTypes, Keys extends string> = { [K in Keys]: S[K]["output"] };

/** One Ref per input field of the agent, typed as the field takes it; required fields are required. */
type InputRefs<A extends AnyAgent> = { [F in keyof z.input<A["input"]>]: Ref<z.input<A["input"]>[F]> };

interface AgentStepConfig<A extends AnyAgent, D> {
  label: string;
  /** Steps that must succeed first; their outputs, and their ancestors', are what `input` can read. */
  dependsOn?: D;
  options?: z.input<A["options"]>;
  maxAttempts?: number;
}
/**
 * Called once, when the workflow is built: each Ref returned becomes an inputMap path. Required
 * unless the agent has no required input: a required `input` is not `| undefined`, which lets the
 * compiler point at the very field that does not fit rather than at the whole callback.
 */
type InputConfig<A extends AnyAgent, Input> =
  Empty extends z.input<A["input"]> ? { input?: Input } : { input: Input };
type InputCallback<A extends AnyAgent, Params, Outputs, R> = (
  sources: InputSources<Params, Outputs>,
) => R & NoInfer<NotInputs<A, R>>;
/** Refuses a field the agent does not take, by name: a callback's returned literal escapes excess-property checks. */
type NotInputs<A extends AnyAgent, R> = {
  [F in Exclude<keyof R, keyof z.input<A["input"]>> & string]: `"${F}" is not an input of this agent`;
};

interface WorkflowMeta<P extends z.ZodObject | undefined> {
  slug: string;
  name: string;
  description: string;
  params?: P;
  paramsFromLatestRun?: { readonly [F in keyof ParamsOf<P>]?: LatestRunSource };
}
type ParamsOf<P> = P extends z.ZodObject ? z.output<P> : Empty;

/**
 * Starts a typed workflow: agents by value, input paths as property reads, gates by field. What is
 * checked at compile time is listed in docs/adding-a-workflow.md; `build()` still runs
 * `validateWorkflow`, the authority at run time and for DAGs read from JSON.
 * @example
 * export const AUDIT = workflow({ slug: "audit", name: "Audit", description: "..." })
 *   .agent("health", accountHealth, { label: "Health", input: ({ brief }) => ({ handle: brief.handle }) })
 *   .agent("trends", trendWatcher, {
 *     label: "Trends",
 *     dependsOn: ["health"],
 *     input: ({ steps }) => ({ category: steps.health.category }),
 *   })
 *   .synthesis("report", { label: "Report", dependsOn: ["health", "trends"] })
 *   .build();
 */
export function workflow<P extends z.ZodObject | undefined = undefined>(
  meta: WorkflowMeta<P>,
): WorkflowBuilder<ParamsOf<P>, Empty> {
  return new WorkflowBuilder(meta as WorkflowDef, [], [], []);
}

export class WorkflowBuilder<Params, S extends StepTypes> {
  constructor(
    private readonly meta: Omit<WorkflowDef, "steps">,
    private readonly steps: readonly WorkflowStepDef[],
    private readonly problems: readonly WorkflowProblem[],
    /** The agent each agent step was typed with, to check it is the one the registry runs. */
    private readonly agents: readonly (readonly [string, AnyAgent])[],
  ) {}

  /** A step running `agent`, whose `input` reads the brief, the params and upstream outputs. */
  agent<
    const K extends string,
    A extends AnyAgent,
    const D extends readonly (keyof S & string)[] = [],
    R extends InputRefs<A> = InputRefs<A>,
  >(
    key: NewKey<K, S>,
    agent: A,
    config: AgentStepConfig<A, D> &
      InputConfig<A, InputCallback<A, Params, OutputsOf<S, Upstream<S, D[number]>>, R>>,
  ): WorkflowBuilder<
    Params,
    S & { [_ in K]: { output: z.output<A["output"]>; upstream: Upstream<S, D[number]> } }
  > {
    const { label, dependsOn, input, options, maxAttempts } = config as AgentStepConfig<A, D> & {
      input?: (sources: InputSources<unknown, unknown>) => Record<string, unknown>;
    };
    const step: AgentStepDef = { key, kind: "agent", agentName: agent.name, label };
    const problems: WorkflowProblem[] = [];
    if (dependsOn) step.dependsOn = [...dependsOn];
    if (input) {
      const inputMap: Record<string, string> = {};
      for (const [field, ref] of Object.entries(input(inputSources()))) {
        const path = pathOf(ref);
        if (path !== undefined) inputMap[field] = path;
        else
          problems.push({
            code: "input_path_malformed",
            stepKey: key,
            message: `input "${field}": a value, not a path read from brief, params or steps`,
          });
      }
      step.inputMap = inputMap as AgentStepDef["inputMap"];
    }
    if (options) step.options = options;
    if (maxAttempts !== undefined) step.maxAttempts = maxAttempts;
    return this.with(step, problems, [key, agent]) as never;
  }

  /** A human gate on one top-level `field` of the step it `reviews`; downstream steps read its value. */
  approval<
    const K extends string,
    Reviewed extends keyof S & string,
    Field extends keyof S[Reviewed]["output"] & string,
  >(
    key: NewKey<K, S>,
    gate: {
      label: string;
      reviews: Reviewed;
      field: Field;
      options?: z.input<typeof approvalOptionsSchema>;
    },
  ): WorkflowBuilder<
    Params,
    S & { [_ in K]: { output: Pick<S[Reviewed]["output"], Field>; upstream: Upstream<S, Reviewed> } }
  > {
    const { label, reviews, field, options } = gate;
    const step: ApprovalStepDef = {
      key,
      kind: "approval",
      label,
      dependsOn: [reviews],
      targetOutputField: field,
    };
    if (options) step.options = options;
    return this.with(step, []) as never;
  }

  /** The report, written from every step before it; nothing comes after it, so `build()` follows. */
  synthesis<const K extends string>(
    key: NewKey<K, S>,
    report: { label: string; dependsOn: readonly (keyof S & string)[]; maxAttempts?: number },
  ): { build(registry?: AgentRegistry): WorkflowDef<KeyOf<S> | K> } {
    const { label, dependsOn, maxAttempts } = report;
    const step: SynthesisStepDef = { key, kind: "synthesis", label, dependsOn: [...dependsOn] };
    if (maxAttempts !== undefined) step.maxAttempts = maxAttempts;
    return this.with(step, []) as never;
  }

  /** The definition, validated like `defineWorkflow`'s: throws WorkflowDefinitionError listing every problem. */
  build(registry: AgentRegistry = AGENT_REGISTRY): WorkflowDef<KeyOf<S>> {
    const def = { ...this.meta, steps: this.steps } as WorkflowDef<KeyOf<S>>;
    // A step typed with one agent object but run by another of the same name would be checked against
    // schemas that are not the ones run: refuse it (an unregistered name is validateWorkflow's to report).
    const impostors = this.agents.flatMap(([key, agent]): WorkflowProblem[] => {
      const registered = registry.get(agent.name);
      if (!registered || registered === agent) return [];
      const message = `agent ${agent.name} is registered, but not as the agent object this step was typed with`;
      return [{ code: "unknown_agent", stepKey: key, message }];
    });
    const problems = [...this.problems, ...impostors, ...validateWorkflow(def, registry)];
    if (problems.length > 0) throw new WorkflowDefinitionError(def.slug, problems);
    return def;
  }

  private with(
    step: WorkflowStepDef,
    problems: readonly WorkflowProblem[],
    agent?: readonly [string, AnyAgent],
  ): WorkflowBuilder<Params, S> {
    const agents = agent ? [...this.agents, agent] : this.agents;
    return new WorkflowBuilder(this.meta, [...this.steps, step], [...this.problems, ...problems], agents);
  }
}
