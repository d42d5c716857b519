import { isStepInProgress } from "@tiktok-army/core/model";
import type { RunStep } from "../api/trpc.ts";
import { useNow } from "../app/use-now.ts";
import { elapsedMs, formatDuration, formatStatus } from "../format.ts";
import { stepRole } from "./step-role.ts";

/** A step at a glance, as the graph's node and the timeline's row both show it: label, role, status, time. */
export function StepSummary({ step }: { step: RunStep }) {
  const now = useNow(isStepInProgress(step.status));
  const elapsed = elapsedMs(step.startedAt, step.finishedAt, now);
  return (
    <>
      <span className="step-node-label">{step.label}</span>
      <span className="step-node-agent">{stepRole(step)}</span>
      <span className="step-node-meta">
        <span className="step-node-status">{formatStatus(step.status)}</span>
        {elapsed !== null && <span>{formatDuration(elapsed)}</span>}
        {step.attempts > 1 && <span>attempt {step.attempts}</span>}
      </span>
    </>
  );
}
