import { isRunActive, isStepInProgress } from "@tiktok-army/core/model";
import { useEffect, useRef } from "react";
import { type RunView, trpc } from "../api/trpc.ts";
import { useNow } from "../app/use-now.ts";
import { elapsedMs, formatDateTime, formatDuration } from "../format.ts";
import { ErrorText } from "../ui/error-text.tsx";
import { JsonBlock } from "../ui/json-block.tsx";
import { ErrorNotice, Loading } from "../ui/notices.tsx";
import { StatusPill } from "../ui/status-pill.tsx";
import { GateReview } from "./gate-review.tsx";
import { stepRole } from "./step-role.ts";
import { TraceView } from "./trace-view.tsx";

interface StepPanelProps {
  run: RunView;
  stepKey: string;
  /** Without the event stream the panel polls while the run moves. */
  poll: boolean;
  onClose: () => void;
  /** Scroll the panel into view when it opens: on a phone it opens below the timeline, out of sight. */
  reveal?: boolean;
}

/**
 * Everything about one step: status, timings, a gate's proposal or decision, input and options,
 * trace, output, error and retry.
 */
export function StepPanel({ run, stepKey, poll, onClose, reveal = false }: StepPanelProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (reveal) ref.current?.scrollIntoView({ block: "start" });
  }, [reveal]);
  const utils = trpc.useUtils();
  const active = isRunActive(run.status);
  const detail = trpc.runs.step.useQuery(
    { runId: run.id, stepKey },
    { refetchInterval: poll && active ? 2_000 : false },
  );
  const retry = trpc.runs.retryStep.useMutation({
    onSuccess: () => {
      void utils.runs.get.invalidate({ runId: run.id });
      void utils.runs.step.invalidate({ runId: run.id });
      void utils.runs.list.invalidate();
    },
  });
  // The run's view is the freshest (it follows the stream); the detail adds data and trace.
  const step = run.steps.find((s) => s.key === stepKey);
  const now = useNow(step !== undefined && isStepInProgress(step.status));
  const titleId = `step-panel-title-${stepKey}`;

  if (!step) return null;
  const elapsed = elapsedMs(step.startedAt, step.finishedAt, now);
  return (
    <section ref={ref} className="step-panel panel" aria-labelledby={titleId} data-testid="step-panel">
      <div className="step-panel-head">
        <h2 id={titleId}>{step.label}</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close <span className="sr-only">step details</span>
        </button>
      </div>
      <p className="muted">
        {stepRole(step)} · <code>{step.key}</code>
      </p>

      {step.status === "failed" && (
        <div className="notice notice-error step-error" role="alert" data-testid="step-error">
          <p>
            <strong>This step failed</strong>
            {step.attempts > 0 && ` after ${step.attempts} attempt${step.attempts === 1 ? "" : "s"}`}:
          </p>
          <p className="error-message">
            <ErrorText text={step.error ?? detail.data?.error ?? "no message"} />
          </p>
          <button
            type="button"
            className="button button-primary"
            disabled={retry.isPending}
            onClick={() => retry.mutate({ runId: run.id, stepKey })}
          >
            {retry.isPending ? "Retrying…" : "Retry from this step"}
          </button>
          {retry.error && <p className="field-error">{retry.error.message}</p>}
        </div>
      )}
      {step.status === "rejected" && (
        <ErrorNotice testId="step-error">Rejected: {step.error ?? "no comment"}</ErrorNotice>
      )}
      {step.status === "skipped" && step.error && <p className="muted">Skipped: {step.error}</p>}
      <dl className="stats">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusPill status={step.status} />
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{step.attempts}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(step.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{formatDateTime(step.finishedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{elapsed === null ? "—" : formatDuration(elapsed)}</dd>
        </div>
      </dl>

      {step.kind === "approval" && <GateReview run={run} stepKey={stepKey} />}

      {detail.isPending && <Loading what="step details" />}
      {detail.error && <ErrorNotice>Could not load the step: {detail.error.message}</ErrorNotice>}
      {detail.data && (
        <>
          <h3>Input</h3>
          <JsonBlock value={detail.data.input} />
          <h3>Options</h3>
          <JsonBlock value={detail.data.options} />
          <TraceView trace={detail.data.trace} />
          <h3>Output</h3>
          <JsonBlock value={detail.data.output} />
        </>
      )}
    </section>
  );
}
