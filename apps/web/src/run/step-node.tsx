import { APPROVAL_NODE, isStepInProgress, SYNTHESIS_NODE } from "@tiktok-army/core/model";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { RunStep } from "../api/trpc.ts";
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
        <span className="step-node-agent">{agentLabel(step.agentName)}</span>
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

/** The engine's special nodes shown as what they do. */
export function agentLabel(agentName: string): string {
  if (agentName === APPROVAL_NODE) return "human approval";
  if (agentName === SYNTHESIS_NODE) return "report writer";
  return agentName;
}
