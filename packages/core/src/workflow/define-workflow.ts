import type { z } from "zod";
import { AGENT_REGISTRY } from "../agents/index.ts";
import type { AgentRegistry } from "../agents/registry.ts";
import { ancestorsByKey } from "./ancestors.ts";
import { runBriefSchema } from "./brief.ts";
import { WorkflowDefinitionError, type WorkflowProblem } from "./errors.ts";
import { IDENTIFIER } from "./identifier.ts";
import { type ParsedInputPath, parseInputPath, schemaAtPath } from "./input-path.ts";
import { approvalOptionsSchema } from "./nodes.ts";
import { findTypeMismatch } from "./schema-compat.ts";
import { stepOutputSchemas } from "./step-schemas.ts";
import { findGraphProblems } from "./topo-sort.ts";
import type { AgentStepDef, ApprovalStepDef, WorkflowDef, WorkflowStepDef } from "./types.ts";

/**
 * Validates a workflow when it is defined, not when someone hits Run, and returns it unchanged.
 * Throws WorkflowDefinitionError listing every problem, each with its step key and code.
 * @example
 * const AUDIT = defineWorkflow({ slug: "audit", name: "Audit", description: "...", steps: [
 *   { key: "health", kind: "agent", agentName: "account_health", label: "Health", inputMap: { handle: "brief.handle" } },
 *   { key: "report", kind: "synthesis", label: "Report", dependsOn: ["health"] },
 * ] });
 */
export function defineWorkflow<const K extends string>(
  def: WorkflowDef<K>,
  registry: AgentRegistry = AGENT_REGISTRY,
): WorkflowDef<K> {
  const problems = validateWorkflow(def, registry);
  if (problems.length > 0) throw new WorkflowDefinitionError(def.slug, problems);
  return def;
}

/** All problems of a workflow definition; empty when it is valid. */
export function validateWorkflow(
  def: WorkflowDef,
  registry: AgentRegistry = AGENT_REGISTRY,
): WorkflowProblem[] {
  const steps = def.steps;
  const problems: WorkflowProblem[] = [];
  if (!IDENTIFIER.test(def.slug))
    problems.push({ code: "invalid_slug", message: `slug "${def.slug}" must match ${IDENTIFIER}` });
  for (const step of steps) {
    if (!IDENTIFIER.test(step.key))
      problems.push({
        code: "invalid_step_key",
        stepKey: step.key,
        message: `step key must match ${IDENTIFIER}`,
      });
  }
  problems.push(...findGraphProblems(steps));
  const ancestors = ancestorsByKey(steps);
  const outputs = stepOutputSchemas(steps, registry);
  for (const step of steps) {
    problems.push(
      ...checkStep(step, {
        registry,
        ancestors: ancestors.get(step.key) ?? new Set(),
        outputs,
        steps,
        params: def.params,
      }),
    );
  }
  problems.push(...checkSynthesis(steps, ancestors));
  problems.push(...checkParamsFromLatestRun(def));
  problems.push(...checkReadsAroundApproval(steps, ancestors));
  // The schema of what an inputMap path reads, as the run will hold it; undefined when the path is not found.
  const sourceSchemaOf = (path: ParsedInputPath): z.ZodType | undefined => {
    if (path.source === "brief")
      return Object.hasOwn(runBriefSchema.shape, path.field)
        ? (runBriefSchema.shape as Record<string, z.ZodType>)[path.field]
        : undefined;
    if (path.source === "params")
      return def.params && Object.hasOwn(def.params.shape, path.field)
        ? (def.params.shape as Record<string, z.ZodType>)[path.field]
        : undefined;
    const output = outputs.get(path.stepKey);
    return output && schemaAtPath(output, path.path);
  };
  for (const step of steps)
    if (step.kind === "agent") problems.push(...checkInputTypes(step, registry, sourceSchemaOf));
  return problems;
}

interface StepCheckContext {
  registry: AgentRegistry;
  ancestors: Set<string>;
  outputs: Map<string, z.ZodObject>;
  steps: readonly WorkflowStepDef[];
  params: z.ZodObject | undefined;
}

type ProblemOf = (code: WorkflowProblem["code"], message: string) => WorkflowProblem;

function checkStep(step: WorkflowStepDef, ctx: StepCheckContext): WorkflowProblem[] {
  const problem: ProblemOf = (code, message) => ({ code, stepKey: step.key, message });
  switch (step.kind) {
    case "agent":
      return checkAgentStep(step, ctx, problem);
    case "approval":
      return checkApproval(step, ctx, problem);
    case "synthesis":
      return [];
  }
}

function checkAgentStep(step: AgentStepDef, ctx: StepCheckContext, problem: ProblemOf): WorkflowProblem[] {
  const agent = ctx.registry.get(step.agentName);
  if (!agent) return [problem("unknown_agent", `unknown agent: ${step.agentName}`)];

  const problems: WorkflowProblem[] = [];
  const options = agent.options.strict().safeParse(step.options ?? {});
  if (!options.success) {
    for (const issue of options.error.issues)
      problems.push(problem("invalid_options", `option ${formatIssuePath(issue)}: ${issue.message}`));
  }
  const inputShape = agent.input.shape as Record<string, z.ZodType>;
  for (const [field, raw] of Object.entries(step.inputMap ?? {})) {
    if (!Object.hasOwn(inputShape, field))
      problems.push(
        problem("input_unknown_field", `input "${field}" is not an input of agent ${agent.name}`),
      );
    const path = parseInputPath(raw);
    if (!path) {
      problems.push(
        problem(
          "input_path_malformed",
          `input "${field}": "${raw}" is not brief.<field>, params.<field> or <step>.output.<path>`,
        ),
      );
      continue;
    }
    if (path.source === "brief") {
      if (!(path.field in runBriefSchema.shape))
        problems.push(
          problem("input_path_not_found", `input "${field}": the brief has no field "${path.field}"`),
        );
      continue;
    }
    if (path.source === "params") {
      if (!ctx.params || !Object.hasOwn(ctx.params.shape, path.field))
        problems.push(
          problem("input_path_not_found", `input "${field}": the workflow declares no param "${path.field}"`),
        );
      continue;
    }
    if (!ctx.ancestors.has(path.stepKey)) {
      problems.push(
        problem(
          "input_path_not_ancestor",
          `input "${field}": "${raw}" names step "${path.stepKey}", not an ancestor`,
        ),
      );
      continue;
    }
    const source = ctx.outputs.get(path.stepKey);
    if (source && !schemaAtPath(source, path.path))
      problems.push(
        problem(
          "input_path_not_found",
          `input "${field}": "${raw}" does not exist in the output of "${path.stepKey}"`,
        ),
      );
  }
  for (const [field, schema] of Object.entries(inputShape)) {
    if (step.inputMap?.[field] === undefined && !schema.safeParse(undefined).success)
      problems.push(problem("input_missing_required", `required input "${field}" is not mapped`));
  }
  if (agent.sideEffects !== "none" && !hasApprovalAmong(ctx.ancestors, ctx.steps))
    problems.push(
      problem(
        "side_effect_without_approval",
        `agent ${agent.name} ${agent.sideEffects}: needs an approval gate upstream`,
      ),
    );
  return problems;
}

function checkApproval(step: ApprovalStepDef, ctx: StepCheckContext, problem: ProblemOf): WorkflowProblem[] {
  const options = approvalOptionsSchema.safeParse(step.options ?? {});
  if (!options.success)
    return options.error.issues.map((issue) =>
      problem("invalid_options", `option ${formatIssuePath(issue)}: ${issue.message}`),
    );
  if (!step.targetOutputField)
    return [problem("approval_missing_target", "approval gate has no targetOutputField")];
  const deps = step.dependsOn ?? [];
  const [dep] = deps;
  if (dep === undefined || deps.length !== 1)
    return [
      problem(
        "approval_needs_one_dependency",
        "approval gate must depend on exactly one step, the one it reviews",
      ),
    ];
  const reviewed = ctx.outputs.get(dep);
  const { evidence } = options.data;
  if (reviewed && evidence !== undefined && !Object.hasOwn(reviewed.shape, evidence))
    return [
      problem(
        "approval_evidence_not_found",
        `evidence "${evidence}" is not a field of the output of "${dep}"`,
      ),
    ];
  if (ctx.outputs.has(step.key)) return [];
  if (!reviewed) return []; // the upstream step's own problem is reported on it
  return [
    problem(
      "approval_target_not_found",
      `targetOutputField "${step.targetOutputField}" is not a field of the output of "${dep}"`,
    ),
  ];
}

function checkSynthesis(
  steps: readonly WorkflowStepDef[],
  ancestors: Map<string, Set<string>>,
): WorkflowProblem[] {
  const syntheses = steps.filter((s) => s.kind === "synthesis");
  const [synthesis, ...extra] = syntheses;
  if (!synthesis) return [];
  const problems: WorkflowProblem[] = extra.map((s) => ({
    code: "multiple_synthesis" as const,
    stepKey: s.key,
    message: `a workflow has at most one synthesis step; "${synthesis.key}" is one already`,
  }));
  const feeding = ancestors.get(synthesis.key) ?? new Set();
  for (const step of steps) {
    if (step.key === synthesis.key || feeding.has(step.key) || step.kind === "synthesis") continue;
    problems.push({
      code: "synthesis_unreachable",
      stepKey: step.key,
      message: `step cannot reach the synthesis step "${synthesis.key}"`,
    });
  }
  return problems;
}

function checkParamsFromLatestRun(def: WorkflowDef): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const [field, source] of Object.entries(def.paramsFromLatestRun ?? {})) {
    const problem = (message: string) =>
      problems.push({ code: "params_source_invalid", message: `param "${field}": ${message}` });
    if (!def.params || !Object.hasOwn(def.params.shape, field))
      problem("is not a field of the workflow's params");
    if (!IDENTIFIER.test(source.workflow)) problem(`"${source.workflow}" is not a workflow slug`);
    if (parseInputPath(source.path)?.source !== "step")
      problem(`"${source.path}" is not <step>.output.<path>`);
  }
  return problems;
}

/**
 * A step downstream of a gate must read the gate's value, not the field the gate reviews: reading
 * `<reviewed>.output.<field>` there ignores the human's edit. Steps not downstream of the gate may read
 * the field: they run before or alongside the decision, and the proposal is all there is for them.
 */
function checkReadsAroundApproval(
  steps: readonly WorkflowStepDef[],
  ancestors: Map<string, Set<string>>,
): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  for (const gate of steps) {
    if (gate.kind !== "approval") continue;
    const [reviewed, ...others] = gate.dependsOn ?? [];
    const field = gate.targetOutputField;
    if (!field || reviewed === undefined || others.length > 0) continue;
    for (const step of steps) {
      if (step.kind !== "agent" || !ancestors.get(step.key)?.has(gate.key)) continue;
      for (const [input, raw] of Object.entries(step.inputMap ?? {})) {
        const path = parseInputPath(raw);
        if (path?.source !== "step" || path.stepKey !== reviewed || path.path[0] !== field) continue;
        problems.push({
          code: "reads_around_approval",
          stepKey: step.key,
          message: `input "${input}": "${raw}" reads around the approval gate "${gate.key}", so a human's edit is ignored; read "${[gate.key, "output", ...path.path].join(".")}" instead`,
        });
      }
    }
  }
  return problems;
}

/** Each mapped input must take the type its path holds: a number mapped into a string input fails every run. */
function checkInputTypes(
  step: AgentStepDef,
  registry: AgentRegistry,
  sourceSchemaOf: (path: ParsedInputPath) => z.ZodType | undefined,
): WorkflowProblem[] {
  const agent = registry.get(step.agentName);
  if (!agent) return [];
  const inputShape = agent.input.shape as Record<string, z.ZodType>;
  const problems: WorkflowProblem[] = [];
  for (const [field, raw] of Object.entries(step.inputMap ?? {})) {
    const path = parseInputPath(raw);
    const source = path && sourceSchemaOf(path);
    const target = Object.hasOwn(inputShape, field) ? inputShape[field] : undefined;
    const mismatch = source && target && findTypeMismatch(source, target);
    if (!mismatch) continue; // malformed, not found and unknown fields are reported by checkStep
    const at = mismatch.at
      ? `; at ${mismatch.at.path} it is ${mismatch.at.source}, not ${mismatch.at.target}`
      : "";
    problems.push({
      code: "input_type_mismatch",
      stepKey: step.key,
      message: `input "${field}": "${raw}" is ${mismatch.source}, but agent ${agent.name}'s input "${field}" takes ${mismatch.target}${at}`,
    });
  }
  return problems;
}

function hasApprovalAmong(keys: Set<string>, steps: readonly WorkflowStepDef[]): boolean {
  return steps.some((s) => keys.has(s.key) && s.kind === "approval");
}

function formatIssuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? issue.path.join(".") : "(root)";
}
