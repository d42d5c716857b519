import { keepPreviousData } from "@tanstack/react-query";
import { type DataSource, isRunActive, RUN_STATUS, type RunStatus } from "@tiktok-army/core/model";
import { useState } from "react";
import { Link } from "react-router";
import { type RunView, trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { useNow } from "../app/use-now.ts";
import {
  elapsedMs,
  formatCost,
  formatDateTime,
  formatDuration,
  formatStatus,
  formatTokens,
} from "../format.ts";
import { DataSourceBadge } from "../ui/data-source-badge.tsx";
import { Field } from "../ui/field.tsx";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";
import { StatusPill } from "../ui/status-pill.tsx";

const PAGE_SIZE = 25;

/** What the table shows of a run (the list item also carries the brief as raw JSON, unused here). */
interface RunRow {
  id: string;
  workflowName: string;
  handle: string | null;
  status: RunStatus;
  dataSource: DataSource;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  usage: RunView["usage"];
}

/** Every run of the workspace, newest first, filtered by status and workflow, a page at a time. */
export function RunsPage() {
  usePageTitle("Runs");
  const [status, setStatus] = useState<RunStatus | "">("");
  const [workflowSlug, setWorkflowSlug] = useState("");
  // The cursor of each page visited so far: going back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);

  const workflows = trpc.workflows.list.useQuery();
  // Refreshed while a run on the page is still moving (known from the previous answer).
  const [anyActive, setAnyActive] = useState(false);
  const runs = trpc.runs.list.useQuery(
    {
      limit: PAGE_SIZE,
      status: status || undefined,
      workflowSlug: workflowSlug || undefined,
      cursor,
    },
    { placeholderData: keepPreviousData, refetchInterval: anyActive ? 3_000 : false },
  );
  const items: readonly RunRow[] | undefined = runs.data?.items;
  const active = items?.some((r) => isRunActive(r.status)) ?? false;
  if (active !== anyActive) setAnyActive(active);
  const now = useNow(active);

  function filterBy(change: () => void) {
    change();
    setCursors([]);
  }

  return (
    <section className="page" aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <form className="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <Field label="Status">
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(e) =>
                filterBy(() => setStatus(Object.values(RUN_STATUS).find((s) => s === e.target.value) ?? ""))
              }
            >
              <option value="">Any status</option>
              {Object.values(RUN_STATUS).map((s) => (
                <option key={s} value={s}>
                  {formatStatus(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Workflow">
          {(control) => (
            <select
              {...control}
              value={workflowSlug}
              onChange={(e) => filterBy(() => setWorkflowSlug(e.target.value))}
            >
              <option value="">Any workflow</option>
              {workflows.data?.map((w) => (
                <option key={w.slug} value={w.slug}>
                  {w.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>

      {runs.isPending && <Loading what="runs" />}
      {runs.error && <ErrorNotice>Could not load the runs: {runs.error.message}</ErrorNotice>}
      {items && items.length === 0 && (
        <InfoNotice>
          No runs {status || workflowSlug ? "match these filters" : "yet"}. <Link to="/">Start one</Link>.
        </InfoNotice>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="runs-table">
            <caption className="sr-only">Runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Handle</th>
                <th scope="col">Status</th>
                <th scope="col">Data</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col" className="num">
                  Tokens in / out
                </th>
                <th scope="col" className="num">
                  Cache read / write
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                  <td>
                    <Link to={`/runs/${run.id}`}>{run.workflowName}</Link>
                  </td>
                  <td>{run.handle ? `@${run.handle}` : "—"}</td>
                  <td>
                    <StatusPill status={run.status} />
                  </td>
                  <td>
                    <DataSourceBadge source={run.dataSource} />
                  </td>
                  <td>{formatDateTime(run.createdAt)}</td>
                  <td className="num">
                    {formatDuration(run.durationMs ?? elapsedMs(run.createdAt, run.finishedAt, now) ?? 0)}
                  </td>
                  <td className="num">
                    {formatTokens(run.usage.inputTokens)} / {formatTokens(run.usage.outputTokens)}
                  </td>
                  <td className="num">
                    {formatTokens(run.usage.cacheReadTokens)} / {formatTokens(run.usage.cacheWriteTokens)}
                  </td>
                  <td className="num">{formatCost(run.usage.costUsd, { estimate: run.usage.estimate })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages of runs">
        <button
          type="button"
          className="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Newer
        </button>
        <span className="muted">Page {cursors.length + 1}</span>
        <button
          type="button"
          className="button"
          disabled={!runs.data?.nextCursor || runs.isPlaceholderData}
          onClick={() => {
            const next = runs.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
