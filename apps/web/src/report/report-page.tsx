import { useState } from "react";
import { Link, useParams } from "react-router";
import { errorCode } from "../api/api-error.ts";
import { trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { DataSourceBadge } from "../ui/data-source-badge.tsx";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";
import { ReportMarkdown } from "./report-markdown.tsx";

/** A run's Markdown report, rendered, with Copy and Download. */
export default function ReportPage() {
  const { runId = "" } = useParams();
  const run = trpc.runs.get.useQuery({ runId });
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  usePageTitle(run.data ? `Report · ${run.data.workflowName} @${run.data.brief.handle}` : "Report");

  if (run.isPending) return <Loading what="the report" />;
  if (run.error) {
    return (
      <section className="page">
        <h1>Report</h1>
        <ErrorNotice>
          {errorCode(run.error) === "NOT_FOUND" || errorCode(run.error) === "BAD_REQUEST"
            ? "There is no such run in this workspace."
            : `Could not load the run: ${run.error.message}`}
        </ErrorNotice>
      </section>
    );
  }
  const { report } = run.data;
  const fileName = `${run.data.workflowSlug}-${run.data.brief.handle}-${run.data.createdAt.slice(0, 10)}.md`;

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section className="page page-report" aria-labelledby="report-title">
      <p className="breadcrumb">
        <Link to={`/runs/${runId}`}>← Back to the run</Link>
      </p>
      <h1 id="report-title">
        {run.data.workflowName} report <span className="muted">· @{run.data.brief.handle}</span>{" "}
        <DataSourceBadge source={run.data.dataSource} />
      </h1>
      {!report && (
        <InfoNotice>
          {run.data.status === "succeeded"
            ? "This run has no report: its workflow does not write one."
            : "This run has no report yet: it is written once every step has succeeded."}
        </InfoNotice>
      )}
      {report && (
        <>
          <div className="actions">
            <button type="button" className="button" onClick={() => void copy(report)}>
              Copy Markdown
            </button>
            <button type="button" className="button" onClick={() => download(fileName, report)}>
              Download .md
            </button>
            <span role="status" className="muted">
              {copied === "yes" && "Copied to the clipboard."}
              {copied === "failed" && "The browser refused the clipboard; use Download instead."}
            </span>
          </div>
          <article className="report panel" data-testid="report">
            <ReportMarkdown markdown={report} allowedLinkHosts={run.data.allowedLinkHosts} />
          </article>
        </>
      )}
    </section>
  );
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
