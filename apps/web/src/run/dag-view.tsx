import "@xyflow/react/dist/style.css";
import { isStepMoving } from "@tiktok-army/core/model";
import { Controls, type Edge, MarkerType, ReactFlow, useReactFlow, useStore } from "@xyflow/react";
import { useEffect, useMemo } from "react";
import type { RunStep } from "../api/trpc.ts";
import { useTheme } from "../app/theme.ts";
import { layoutDag } from "./dag-layout.ts";
import { StepNode, type StepNodeType } from "./step-node.tsx";

// Module scope: React Flow warns when it gets a new nodeTypes object on a render.
const NODE_TYPES = { step: StepNode };
const FIT_OPTIONS = { padding: 0.12, maxZoom: 1 };

interface DagViewProps {
  steps: readonly RunStep[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/** The run's DAG, laid out left to right, each node coloured by its step's status. */
export function DagView({ steps, selectedKey, onSelect }: DagViewProps) {
  const theme = useTheme();
  // The layout depends on the shape only, not on statuses: recompute it when the keys change.
  const shape = steps.map((s) => `${s.key}<${s.dependsOn.join(",")}`).join(";");
  const layout = useMemo(() => layoutDag(steps), [shape]);

  const nodes = useMemo<StepNodeType[]>(
    () =>
      steps.map((step) => ({
        id: step.key,
        type: "step",
        position: layout.positions.get(step.key) ?? { x: 0, y: 0 },
        data: { step, selected: step.key === selectedKey },
        draggable: false,
        selectable: false,
        connectable: false,
        focusable: false,
      })),
    [steps, layout, selectedKey],
  );

  const edges = useMemo<Edge[]>(() => {
    const statusOf = new Map(steps.map((s) => [s.key, s.status]));
    return layout.edges.map((edge) => ({
      ...edge,
      animated: isStepMoving(statusOf.get(edge.target) ?? "pending"),
      focusable: false,
      selectable: false,
      className: statusOf.get(edge.source) === "succeeded" ? "edge-done" : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    }));
  }, [steps, layout]);

  const height = Math.min(Math.max(layout.height + 48, 220), 520);
  return (
    <div className="dag" data-testid="dag-graph" style={{ height }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={(_event, node) => onSelect(node.id)}
        colorMode={theme}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.3}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
      >
        <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        <FitOnResize />
      </ReactFlow>
    </div>
  );
}

/** Fits the DAG again when its box changes size (the step panel opening beside it, a resize). */
function FitOnResize() {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (width > 0 && height > 0) void fitView(FIT_OPTIONS);
  }, [width, height, fitView]);
  return null;
}
