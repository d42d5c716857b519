import { isRunActive } from "@tiktok-army/core/model";
import { lazy, Suspense, useCallback } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorCode } from "../api/api-error.ts";
import { useLiveUpdates } from "../api/api-provider.tsx";
import { trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { ErrorNotice, Loading } from "../ui/notices.tsx";
import { RunHeader } from "./run-header.tsx";
import { StepPanel } from "./step-panel.tsx";
import { StepTimeline } from "./step-timeline.tsx";
import { TIMELINE_MEDIA, useMediaQuery } from "./use-media-query.ts";
import { useRunEvents } from "./use-run-events.ts";

// React Flow and dagre load only where the graph is drawn: a phone gets the timeline without them.
const DagView = lazy(() => import("./dag-view.tsx").then((m) => ({ default: m.DagView })));

/** One run, live: its header, its DAG (a timeline on phones), and the details of the step picked (`?step=<key>`). */
export default function RunPage() {
  const { runId = "" } = useParams();
  // A new run is a new page: nothing of the previous run's stream or selection carries over.
  return <RunScreen key={runId} runId={runId} />;
}

function RunScreen({ runId }: { runId: string }) {
  const live = useLiveUpdates();
  const [search, setSearch] = useSearchParams();
  const selectedKey = search.get("step");
  const run = trpc.runs.get.useQuery(
    { runId },
    {
      refetchInterval: (query) =>
        !live && query.state.data && isRunActive(query.state.data.status) ? 2_000 : false,
    },
  );
  const liveStatus = useRunEvents(runId, live && run.isSuccess);
  const narrow = useMediaQuery(TIMELINE_MEDIA);
  usePageTitle(run.data ? `${run.data.workflowName} @${run.data.brief.handle}` : "Run");

  const select = useCallback(
    (key: string | null) =>
      setSearch(
        (params) => {
          const next = new URLSearchParams(params);
          if (key === null || next.get("step") === key) next.delete("step");
          else next.set("step", key);
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  const toggle = useCallback((key: string) => select(key), [select]);

  if (run.isPending) return <Loading what="the run" />;
  if (run.error) {
    return (
      <section className="page">
        <h1>Run</h1>
        <ErrorNotice>
          {errorCode(run.error) === "NOT_FOUND" || errorCode(run.error) === "BAD_REQUEST"
            ? "There is no such run in this workspace."
            : `Could not load the run: ${run.error.message}`}
        </ErrorNotice>
        <p>
          <Link to="/runs">All runs</Link>
        </p>
      </section>
    );
  }

  const view = run.data;
  const selected = selectedKey && view.steps.some((s) => s.key === selectedKey) ? selectedKey : null;
  return (
    <div className="page run-page">
      <RunHeader run={view} live={liveStatus} />
      <div className={selected ? "run-body with-panel" : "run-body"}>
        <section className="dag-section" aria-labelledby="dag-title">
          <h2 id="dag-title" className="sr-only">
            Steps
          </h2>
          {narrow ? (
            <StepTimeline steps={view.steps} selectedKey={selected} onSelect={toggle} />
          ) : (
            <Suspense fallback={<div className="dag dag-loading" aria-busy="true" />}>
              <DagView steps={view.steps} selectedKey={selected} onSelect={toggle} />
            </Suspense>
          )}
          <p className="muted hint">Pick a step to see its input, model calls, tool calls and output.</p>
        </section>
        {selected && (
          // Keyed by step: each step opened is a new panel, revealed on a phone.
          <StepPanel
            key={selected}
            run={view}
            stepKey={selected}
            poll={!live}
            reveal={narrow}
            onClose={() => select(null)}
          />
        )}
      </div>
    </div>
  );
}
