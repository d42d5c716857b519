import type { ReactNode } from "react";
import { type HashtagEvidence, hashtagKey, sourceLabel } from "./hashtag-evidence.ts";

/**
 * What a chip says about its hashtag: "added by you" for a tag the proposal did not have, else the
 * drafting step's evidence for it (source, then the sentence), else nothing.
 */
export function hashtagDetail(
  proposed: readonly string[],
  evidence: ReadonlyMap<string, HashtagEvidence>,
): (hashtag: string) => ReactNode {
  const proposedKeys = new Set(proposed.map(hashtagKey));
  return (hashtag) => {
    const key = hashtagKey(hashtag);
    if (!proposedKeys.has(key)) return <span className="chip-added">added by you</span>;
    const found = evidence.get(key);
    if (!found) return null;
    return (
      <>
        <span className="chip-source">{sourceLabel(found.source)}</span>: {found.evidence}
      </>
    );
  };
}
