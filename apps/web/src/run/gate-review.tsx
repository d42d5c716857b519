import { useState } from "react";
import type { Approval, RunView } from "../api/trpc.ts";
import { trpc } from "../api/trpc.ts";
import { type Decision, ReviewCard } from "../approvals/review-card.tsx";
import { formatStatus } from "../format.ts";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";
import { DecisionRecord } from "./decision-record.tsx";

/**
 * An approval step in the run view: while it waits, the proposal with the decision right here (the
 * same card as the approvals page); once decided, the record of who decided what, when and why.
 */
export function GateReview({ run, stepKey }: { run: RunView; stepKey: string }) {
  const gates = run.approvals.filter((a) => a.stepKey === stepKey);
  // A retried gate asks again: the open request, else the latest one.
  const gate = gates.find((a) => a.status === "pending") ?? gates.at(-1);
  if (!gate) return null;
  return gate.status === "pending" ? (
    <PendingGate approvalId={gate.id} />
  ) : (
    <DecidedGate runId={run.id} approvalId={gate.id} />
  );
}

function PendingGate({ approvalId }: { approvalId: string }) {
  // The same query as the header's pending count: one request serves both. Fetched afresh on
  // opening: the run's stream can announce the gate before a cached list has it.
  const pending = trpc.approvals.list.useQuery(
    { status: "pending" },
    { refetchInterval: 5_000, staleTime: 0 },
  );
  const [decided, setDecided] = useState<Decision | null>(null);
  const approval = pending.data?.find((a) => a.id === approvalId);
  if (decided) return <DecisionSent decision={decided} />;
  if (pending.isPending) return <Loading what="the proposal" />;
  if (pending.error) return <ErrorNotice>Could not load the proposal: {pending.error.message}</ErrorNotice>;
  // Decided elsewhere a moment ago: the run's view catches up and shows the record.
  if (!approval) return <Loading what="the decision" />;
  return (
    <div className="gate-review" data-testid="gate-proposal">
      <h3>Proposal</h3>
      <ReviewCard approval={approval} onDecided={setDecided} />
    </div>
  );
}

function DecisionSent({ decision }: { decision: Decision }) {
  return (
    <p className="notice notice-success" role="status">
      {decision.decision === "rejected"
        ? "Rejected"
        : decision.decision === "approved"
          ? "Approved"
          : "Approved with your edits"}
      . The run is now {formatStatus(decision.runStatus)}.
    </p>
  );
}

function DecidedGate({ runId, approvalId }: { runId: string; approvalId: string }) {
  const all = trpc.approvals.list.useQuery({ runId }, { staleTime: 0 });
  // A list cached before the decision still has the gate pending: wait for the fresh one.
  const approval: Approval | undefined = all.data?.find((a) => a.id === approvalId && a.status !== "pending");
  if (all.isPending || (!approval && all.isFetching)) return <Loading what="the decision" />;
  if (all.error) return <ErrorNotice>Could not load the decision: {all.error.message}</ErrorNotice>;
  if (!approval)
    return <InfoNotice>The decision is not recorded yet; the run's report states it.</InfoNotice>;
  return <DecisionRecord approval={approval} />;
}
