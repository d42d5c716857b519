import dagre from "@dagrejs/dagre";

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 84;

export interface DagStep {
  key: string;
  dependsOn: readonly string[];
}

export interface DagLayout {
  /** Top-left corner of each step's node (React Flow positions nodes by their corner). */
  positions: Map<string, { x: number; y: number }>;
  /** One edge per dependency that names a step of the DAG. */
  edges: { id: string; source: string; target: string }[];
  width: number;
  height: number;
}

/**
 * Places a workflow's steps left to right with dagre: dependencies to the left of what needs them.
 * Dependencies on keys the DAG does not have are dropped rather than drawn to nowhere.
 *
 * @example
 * const { positions, edges } = layoutDag(run.steps);
 */
export function layoutDag(steps: readonly DagStep[]): DagLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 28, ranksep: 56, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  const keys = new Set(steps.map((s) => s.key));
  for (const step of steps) graph.setNode(step.key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges: DagLayout["edges"] = [];
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      if (!keys.has(dep)) continue;
      graph.setEdge(dep, step.key);
      edges.push({ id: `${dep}->${step.key}`, source: dep, target: step.key });
    }
  }
  dagre.layout(graph);

  const positions = new Map<string, { x: number; y: number }>();
  for (const step of steps) {
    const node = graph.node(step.key);
    // dagre gives centres.
    positions.set(step.key, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  const label = graph.graph();
  return { positions, edges, width: label.width ?? 0, height: label.height ?? 0 };
}
