import { topoSort } from "@tiktok-army/core/model";
import { useMemo } from "react";
import type { RunStep } from "../api/trpc.ts";
import { StepSummary } from "./step-summary.tsx";

interface StepTimelineProps {
  steps: readonly RunStep[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
}

/**
 * The run's steps top to bottom, each after the steps it depends on: what a phone shows instead of
 * the graph, which is unreadable that narrow. Each row opens the step's details like a graph node.
 */
export function StepTimeline({ steps, selectedKey, onSelect }: StepTimelineProps) {
  const shape = steps.map((s) => `${s.key}<${s.dependsOn.join(",")}`).join(";");
  // The order depends on the shape only, not on statuses: recompute it when the keys change.
  const order = useMemo(() => stepOrder(steps), [shape]);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  return (
    <ol className="step-timeline" data-testid="step-timeline">
      {order.map((key) => {
        const step = byKey.get(key);
        if (!step) return null;
        return (
          <li key={key} data-status={step.status}>
            <button
              type="button"
              className="step-node step-row"
              data-testid={`step-${key}`}
              data-status={step.status}
              aria-pressed={key === selectedKey}
              onClick={() => onSelect(key)}
            >
              <StepSummary step={step} />
            </button>
          </li>
        );
      })}
    </ol>
  );
}

/** Keys in dependency order, counting only dependencies inside the DAG, as the graph's layout does. */
function stepOrder(steps: readonly RunStep[]): string[] {
  const keys = new Set(steps.map((s) => s.key));
  const graph = steps.map((s) => ({ key: s.key, dependsOn: s.dependsOn.filter((d) => keys.has(d)) }));
  return topoSort(graph).map((s) => s.key);
}
