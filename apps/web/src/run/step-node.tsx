import { isStepInProgress } from "@tiktok-army/core/model";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { RunStep, StepDetail } from "../api/trpc.ts";
import { useNow } from "../app/use-now.ts";
import { elapsedMs, formatDuration, formatStatus } from "../format.ts";

export type StepNodeData = {
  step: RunStep;
  selected: boolean;
};
export type StepNodeType = Node<StepNodeData, "step">;

/**
 * One step of the DAG: a button (the whole card) that opens the step's details; its click (mouse
 * or keyboard) bubbles to React Flow's `onNodeClick`. Its colour comes from `data-status`;
 * `data-testid="step-<key>"` is the end-to-end suite's handle.
 */
export function StepNode({ data }: NodeProps<StepNodeType>) {
  const { step, selected } = data;
  const now = useNow(isStepInProgress(step.status));
  const elapsed = elapsedMs(step.startedAt, step.finishedAt, now);
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <button
        type="button"
        className="step-node nodrag"
        data-testid={`step-${step.key}`}
        data-status={step.status}
        aria-pressed={selected}
      >
        <span className="step-node-label">{step.label}</span>
        <span className="step-node-agent">{stepRole(step)}</span>
        <span className="step-node-meta">
          <span className="step-node-status">{formatStatus(step.status)}</span>
          {elapsed !== null && <span>{formatDuration(elapsed)}</span>}
          {step.attempts > 1 && <span>attempt {step.attempts}</span>}
        </span>
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
}

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
