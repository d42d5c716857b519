import { skipToken } from "@tanstack/react-query";
import { applyRunEventToOverview } from "@tiktok-army/core/model";
import { useEffect, useRef, useState } from "react";
import { trpc } from "../api/trpc.ts";

/** How the run page keeps up with the run, for the notice in its header. */
export type LiveStatus =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "reconnecting" }
  /** Connected again after a drop; the stream went on after the last event seen. */
  | { kind: "resumed"; afterEventId: string }
  | { kind: "error"; message: string }
  /** No stream (key sessions): the page refetches the run every 2 s instead. */
  | { kind: "polling" };

const REFETCH_DELAY_MS = 200;

/**
 * Streams the run's events while `enabled`: each one is folded into the cached `runs.get` at once
 * with the engine's own reducer (the DAG recolours immediately) and triggers a refetch of the run
 * and its steps shortly after (usage, traces). The fold is lenient: the backlog the subscription
 * replays first, which the fetched view already reflects, changes nothing. The subscription link
 * resumes after the last event id by itself when the connection drops; this hook remembers that id
 * to say so.
 */
export function useRunEvents(runId: string, enabled: boolean): LiveStatus {
  const utils = trpc.useUtils();
  const lastEventId = useRef<string | null>(null);
  const hasStarted = useRef(false);
  const [resumedAfter, setResumedAfter] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  // One refetch at most every REFETCH_DELAY_MS, always starting after the latest event.
  function refetchSoon() {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void utils.runs.get.invalidate({ runId });
      void utils.runs.step.invalidate({ runId });
    }, REFETCH_DELAY_MS);
  }

  const subscription = trpc.runs.events.useSubscription(enabled ? { runId } : skipToken, {
    onStarted() {
      if (hasStarted.current) setResumedAfter(lastEventId.current ?? "0");
      hasStarted.current = true;
    },
    onData(item) {
      lastEventId.current = item.id;
      utils.runs.get.setData({ runId }, (view) => view && applyRunEventToOverview(view, item.data));
      refetchSoon();
      const type = item.data.type;
      if (type === "approval_requested" || type === "approval_decided")
        void utils.approvals.list.invalidate();
      if (type.startsWith("run_")) void utils.runs.list.invalidate();
    },
  });

  if (!enabled) return { kind: "polling" };
  if (subscription.status === "error") return { kind: "error", message: subscription.error.message };
  if (subscription.status === "connecting")
    return hasStarted.current ? { kind: "reconnecting" } : { kind: "connecting" };
  if (subscription.status === "idle") return { kind: "connecting" };
  return resumedAfter === null ? { kind: "live" } : { kind: "resumed", afterEventId: resumedAfter };
}
