/** What the pending list needs of an approval: its id and when it was requested. */
interface Listed {
  id: string;
  requestedAt: string;
}

/**
 * The pending list with the approvals decided on this page back in their place, newest first: the
 * API lists them no more, but their cards stay, as their decision, where the reviewer left them.
 * @example withDecided(pendingFromApi, decisions.map((d) => d.approval))
 */
export function withDecided<T extends Listed>(pending: readonly T[], decided: readonly T[]): T[] {
  const listed = new Set(pending.map((a) => a.id));
  const gone = decided.filter((a) => !listed.has(a.id));
  // ISO timestamps of one format sort as text; the sort is stable, so the API's order breaks ties.
  return [...pending, ...gone].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
}
