import type { RunStep, StepDetail } from "../api/trpc.ts";

/** Who does a step's work: its agent, a human at an approval gate, or the report writer. */
export function stepRole(step: RunStep | StepDetail): string {
  switch (step.kind) {
    case "agent":
      return step.agentName;
    case "approval":
      return "human approval";
    case "synthesis":
      return "report writer";
  }
}
