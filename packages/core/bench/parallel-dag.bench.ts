// Wall time of a 12-step DAG of sleeping agents against its critical path (the lower bound for any
// scheduler) and against the serial sum (what a one-step-at-a-time runner takes).
import {
  benchDagWorkflow,
  criticalPathMs,
  runToCompletion,
  serialSumMs,
  sleeperRegistry,
} from "../src/testing/index.ts";

const registry = sleeperRegistry();
const workflow = benchDagWorkflow("sleeper", registry);
const criticalPath = criticalPathMs();
const serialSum = serialSumMs();

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
