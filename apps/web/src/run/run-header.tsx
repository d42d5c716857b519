import { isRunActive, runProgress } from "@tiktok-army/core/model";
import { Link } from "react-router";
import { type RunView, trpc } from "../api/trpc.ts";
import { useNow } from "../app/use-now.ts";
import { elapsedMs, formatCost, formatDuration, formatTokens } from "../format.ts";
import { DataSourceBadge } from "../ui/data-source-badge.tsx";
import { ErrorText } from "../ui/error-text.tsx";
import { StatusPill } from "../ui/status-pill.tsx";
import type { LiveStatus } from "./use-run-events.ts";

/** The run at a glance: what, for whom, status, time, progress, usage; and what can be done. */
export function RunHeader({ run, live }: { run: RunView; live: LiveStatus }) {
  const utils = trpc.useUtils();
  const active = isRunActive(run.status);
  const now = useNow(active);
  const { done, total } = runProgress(run);
  const pending = run.approvals.find((a) => a.status === "pending");
  const cancel = trpc.runs.cancel.useMutation({
    onSettled: () => {
      void utils.runs.get.invalidate({ runId: run.id });
      void utils.runs.list.invalidate();
      void utils.approvals.list.invalidate();
    },
  });

  return (
    <header className="run-header">
      <div className="run-title">
        <h1>
          {run.workflowName} <span className="muted">· @{run.brief.handle}</span>
        </h1>
        <StatusPill status={run.status} />
        <DataSourceBadge source={run.dataSource} />
        <LiveNotice live={live} active={active} />
      </div>
      <dl className="stats">
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="run-elapsed">
            {formatDuration(elapsedMs(run.createdAt, run.finishedAt, now) ?? 0)}
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd data-testid="run-progress">
            {done}/{total} steps
          </dd>
        </div>
        <div>
          <dt>Tokens in / out</dt>
          <dd>
            {formatTokens(run.usage.inputTokens)} / {formatTokens(run.usage.outputTokens)}
          </dd>
        </div>
        <div>
          <dt>Cache read / write</dt>
          <dd>
            {formatTokens(run.usage.cacheReadTokens)} / {formatTokens(run.usage.cacheWriteTokens)}
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="run-cost">{formatCost(run.usage.costUsd, { estimate: run.usage.estimate })}</dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{run.brief.targetType}</dd>
        </div>
        {Object.entries(run.brief.params ?? {}).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd className="mono">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
        <div>
          <dt>Definition</dt>
          <dd
            className="mono"
            data-testid="run-definition-version"
            title="The version of the workflow this run started with"
          >
            v{run.definitionVersion}
          </dd>
        </div>
      </dl>
      {run.error && !active && (
        <p className={run.status === "cancelled" ? "notice" : "notice notice-error"}>
          {run.status === "cancelled" ? "Cancelled" : "Stopped"}: <ErrorText text={run.error} />
        </p>
      )}
      <div className="actions">
        {pending && (
          <Link className="button button-primary" to={`/approvals#approval-${pending.id}`}>
            Review the pending approval
          </Link>
        )}
        {run.report && (
          <Link className="button button-primary" to={`/runs/${run.id}/report`}>
            Read the report
          </Link>
        )}
        {active && (
          <button
            type="button"
            className="button button-danger"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate({ runId: run.id })}
          >
            {cancel.isPending ? "Cancelling…" : "Cancel run"}
          </button>
        )}
        {cancel.error && (
          <span className="field-error" role="alert">
            {cancel.error.message}
          </span>
        )}
      </div>
    </header>
  );
}

function LiveNotice({ live, active }: { live: LiveStatus; active: boolean }) {
  const text = liveText(live, active);
  return (
    <span className="live-status" role="status" data-testid="live-status" data-state={live.kind}>
      {text}
    </span>
  );
}

function liveText(live: LiveStatus, active: boolean): string {
  switch (live.kind) {
    case "connecting":
      return "Connecting…";
    case "live":
      return active ? "Live" : "Up to date";
    case "reconnecting":
      return "Reconnecting…";
    case "resumed":
      return `Reconnected, resumed from event ${live.afterEventId}`;
    case "error":
      return `Live updates stopped: ${live.message}`;
    case "polling":
      return "Refreshing every 2 s (live updates need the local session)";
  }
}
