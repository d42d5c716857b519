import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { ApprovalsPage } from "../approvals/approvals-page.tsx";
import { NewBriefPage } from "../briefs/new-brief-page.tsx";
import { ConnectionsPage } from "../connections/connections-page.tsx";
import { RunsPage } from "../runs/runs-page.tsx";
import { WorkflowsPage } from "../workflows/workflows-page.tsx";
import { Layout } from "./layout.tsx";
import { NotFoundPage, RouteErrorPage } from "./not-found-page.tsx";

// The heavy pages load on demand: React Flow and dagre with the run, react-markdown and remark-gfm with the report.
const RunPage = lazy(() => import("../run/run-page.tsx"));
const ReportPage = lazy(() => import("../report/report-page.tsx"));

/** The dashboard's pages. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: "/", element: <WorkflowsPage /> },
      { path: "/briefs/new", element: <NewBriefPage /> },
      { path: "/runs", element: <RunsPage /> },
      { path: "/runs/:runId", element: <RunPage /> },
      { path: "/runs/:runId/report", element: <ReportPage /> },
      { path: "/approvals", element: <ApprovalsPage /> },
      { path: "/connections", element: <ConnectionsPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
