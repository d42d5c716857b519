import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import type { Approval } from "../api/trpc.ts";
import { trpc } from "../api/trpc.ts";
import { usePageTitle } from "../app/page-title.ts";
import { formatDateTime } from "../format.ts";
import { JsonBlock } from "../ui/json-block.tsx";
import { ErrorNotice, InfoNotice, Loading } from "../ui/notices.tsx";
import { StatusPill } from "../ui/status-pill.tsx";
import { DecidedCard } from "./decided-card.tsx";
import { withDecided } from "./pending-list.ts";
import { type Decision, ReviewCard } from "./review-card.tsx";

type Tab = "pending" | "decided";
const TABS: { id: Tab; label: string }[] = [
  { id: "pending", label: "Pending" },
  { id: "decided", label: "Decided" },
];

/** What agents propose and wait on: review, edit, decide; and what was decided. */
export function ApprovalsPage() {
  usePageTitle("Approvals");
  const [tab, setTab] = useState<Tab>("pending");
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ pending: null, decided: null });

  function onTabKey(event: KeyboardEvent) {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const next: Tab = tab === "pending" ? "decided" : "pending";
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <section className="page" aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      <p className="lede">Anything that publishes, spends or changes a budget waits here for a human.</p>
      <div role="tablist" aria-label="Approvals" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === "pending" ? <PendingApprovals /> : <DecidedApprovals />}
      </div>
    </section>
  );
}

/**
 * The pending approvals, newest first. A card decided here stays, as its decision, until the page is
 * left: the list refreshes without it, and focus must not fall to the page's top.
 */
function PendingApprovals() {
  const pending = trpc.approvals.list.useQuery({ status: "pending" }, { refetchInterval: 5_000 });
  const [decided, setDecided] = useState<ReadonlyMap<string, Decision>>(new Map());
  const items =
    pending.data &&
    withDecided(
      pending.data,
      [...decided.values()].map((d) => d.approval),
    );
  const { hash } = useLocation();

  // A link to one approval (`#approval-<id>`, from a run page) brings its card into view.
  const ready = items !== undefined;
  useEffect(() => {
    if (!ready || !hash.startsWith("#approval-")) return;
    const card = document.getElementById(hash.slice(1));
    card?.scrollIntoView({ block: "start" });
    card?.querySelector<HTMLElement>("h2")?.focus({ preventScroll: true });
  }, [ready, hash]);

  if (pending.isPending) return <Loading what="approvals" />;
  if (pending.error) return <ErrorNotice>Could not load the approvals: {pending.error.message}</ErrorNotice>;
  if (!items || items.length === 0) return <InfoNotice>Nothing is waiting for a decision.</InfoNotice>;
  return (
    <div className="stack">
      {items.map((approval) => {
        const decision = decided.get(approval.id);
        return decision ? (
          <DecidedCard key={approval.id} decision={decision} />
        ) : (
          <ReviewCard
            key={approval.id}
            approval={approval}
            onDecided={(d) => setDecided((all) => new Map(all).set(d.approval.id, d))}
          />
        );
      })}
    </div>
  );
}

function DecidedApprovals() {
  const all = trpc.approvals.list.useQuery({});
  const items: readonly Approval[] | undefined = all.data;
  if (all.isPending) return <Loading what="approvals" />;
  if (all.error) return <ErrorNotice>Could not load the approvals: {all.error.message}</ErrorNotice>;
  const decided = (items ?? []).filter((a) => a.status !== "pending");
  if (decided.length === 0) return <InfoNotice>No decisions yet.</InfoNotice>;
  return (
    <ul className="stack plain-list">
      {decided.map((a) => (
        <li key={a.id} className="card" data-testid="decided-approval">
          <div className="approval-card-head">
            <h2>{a.label}</h2>
            <StatusPill status={a.status} />
          </div>
          <p className="muted">
            {a.workflowName}
            {a.handle && ` · @${a.handle}`} · decided {formatDateTime(a.decidedAt)}
            {a.decidedBy && ` by ${a.decidedBy}`} · <Link to={`/runs/${a.runId}`}>View the run</Link>
          </p>
          {a.comment && (
            <blockquote className="comment">
              <p>{a.comment}</p>
            </blockquote>
          )}
          <details>
            <summary>
              {a.editedValue !== null && a.editedValue !== undefined ? "Edited" : "Proposed"}{" "}
              <code>{a.field}</code>
            </summary>
            <JsonBlock value={a.editedValue ?? a.value} />
          </details>
        </li>
      ))}
    </ul>
  );
}
