import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import type { RunStep } from "../api/trpc.ts";
import { StepSummary } from "./step-summary.tsx";

export type StepNodeData = {
  step: RunStep;
  selected: boolean;
};
export type StepNodeType = Node<StepNodeData, "step">;

/**
 * One step of the DAG: a button (the whole card) that opens the step's details; its click (mouse
 * or keyboard) bubbles to React Flow's `onNodeClick`. Its colour comes from `data-status`;
 * `data-testid="step-<key>"` is the end-to-end suite's handle (the phone timeline uses the same).
 */
export function StepNode({ data }: NodeProps<StepNodeType>) {
  const { step, selected } = data;
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
        <StepSummary step={step} />
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </>
  );
}
