import type { Approval } from "../api/trpc.ts";
import { trpc } from "../api/trpc.ts";

export interface Decision {
  approval: Approval;
  decision: "approved" | "approved with edits" | "rejected";
  runStatus: string;
}

/**
 * Deciding one approval: `send` approves (with an edited value when given) or rejects, then
 * refreshes what the decision changes. The mutation's error carries the API's `fieldErrors`.
 */
export function useDecision(approval: Approval, onDecided: (d: Decision) => void) {
  const utils = trpc.useUtils();
  const decide = trpc.approvals.decide.useMutation({
    onSuccess: (result, input) => {
      onDecided({
        approval,
        decision:
          input.decision === "reject"
            ? "rejected"
            : input.editedValue !== undefined
              ? "approved with edits"
              : "approved",
        runStatus: result.runStatus,
      });
      void utils.approvals.list.invalidate();
      void utils.runs.get.invalidate({ runId: approval.runId });
      void utils.runs.list.invalidate();
    },
    onError: (error) => {
      // Someone else decided first: the list is stale.
      if (error.data?.code === "CONFLICT") void utils.approvals.list.invalidate();
    },
  });

  function send(decision: "approve" | "reject", options: { editedValue?: unknown; comment?: string } = {}) {
    const comment = options.comment?.trim();
    decide.mutate({
      approvalId: approval.id,
      decision,
      ...(decision === "approve" && options.editedValue !== undefined
        ? { editedValue: options.editedValue as never }
        : {}),
      ...(comment ? { comment } : {}),
    });
  }

  // `reset` clears a refusal once the reviewer changes what was refused.
  return { send, reset: decide.reset, error: decide.error, isPending: decide.isPending };
}
