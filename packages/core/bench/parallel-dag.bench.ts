// Wall time of a 12-step DAG of sleeping agents against its critical path (the lower bound for any
// scheduler) and against the serial sum (what a one-step-at-a-time runner takes).
import { defineWorkflow, type WorkflowStepDef } from "../src/index.ts";
import { runToCompletion, sleeperRegistry } from "../src/testing/index.ts";

const DELAYS: Record<string, [number, string[]]> = {
  s01: [100, []],
  s02: [80, ["s01"]],
  s03: [120, ["s01"]],
  s04: [60, ["s01"]],
  s05: [100, ["s02", "s03"]],
  s06: [50, ["s03", "s04"]],
  s07: [150, ["s04"]],
  s08: [70, ["s05"]],
  s09: [90, ["s06", "s07"]],
  s10: [40, ["s05", "s06"]],
  s11: [60, ["s08", "s09", "s10"]],
  s12: [50, ["s11"]],
};

const registry = sleeperRegistry();
const steps: WorkflowStepDef[] = Object.entries(DELAYS).map(([key, [delay, deps]]) => ({
  key,
  agentName: "sleeper",
  label: key,
  dependsOn: deps,
  options: { delay_ms: delay },
}));
const workflow = defineWorkflow({ slug: "bench_dag", name: "Bench DAG", description: "", steps }, registry);

const finish = new Map<string, number>();
for (const [key, [delay, deps]] of Object.entries(DELAYS))
  finish.set(key, delay + Math.max(0, ...deps.map((d) => finish.get(d) ?? 0)));
const criticalPath = Math.max(...finish.values());
const serialSum = Object.values(DELAYS).reduce((sum, [delay]) => sum + delay, 0);

const walls: number[] = [];
for (let i = 0; i < 7; i++) {
  const started = performance.now();
  const { state } = await runToCompletion(workflow, { registry });
  if (state.status !== "succeeded") throw new Error(`bench run ${state.status}`);
  walls.push(performance.now() - started);
}
walls.sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)] as number;

console.log("12-step DAG, sleeping agents, in-memory store (median of 7 runs)");
console.log(`  critical path          ${criticalPath.toFixed(0)} ms`);
console.log(`  wall time              ${median.toFixed(1)} ms`);
console.log(`  wall / critical path   ${(median / criticalPath).toFixed(3)}  (target <= 1.05)`);
console.log(`  serial sum             ${serialSum} ms`);
console.log(
  `  serial / critical path ${(serialSum / criticalPath).toFixed(3)}  (what a serial runner would take)`,
);
