import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DagJson, dagJsonSchema, toDagJson } from "../workflow/dag-json.ts";
import { APPROVAL_NODE, SYNTHESIS_NODE } from "../workflow/nodes.ts";
import { SEEDED_WORKFLOWS } from "./seeded.ts";

// The seeded workflows' DAG JSON as stored before steps had a `kind` (and before the typed builder):
// what existing runs and workflow rows hold. Rewriting a seeded workflow must not change what it stores.
const snapshot: Record<string, unknown> = JSON.parse(
  readFileSync(new URL("./seeded-dags.snapshot.json", import.meta.url), "utf8"),
);
const print = (dag: unknown) => JSON.stringify(dag, null, 2);

/** The form written before `kind`: no kind, gates and the report named by their reserved agent names. */
function withoutKinds(dag: DagJson): unknown {
  const steps = dag.steps.map(({ kind, key, ...step }) => {
    if (kind === "agent") return { key, ...step };
    return { key, agentName: kind === "approval" ? APPROVAL_NODE : SYNTHESIS_NODE, ...step };
  });
  return { ...dag, steps };
}

describe("seeded workflows' DAG JSON", () => {
  const seeded = SEEDED_WORKFLOWS.map((w) => [w.slug, w] as const);

  it.each(seeded)("%s stores its snapshot as read today, byte for byte", (slug, w) => {
    expect(print(toDagJson(w))).toBe(print(dagJsonSchema.parse(snapshot[slug])));
  });

  it.each(seeded)("%s differs from its snapshot only by each step's kind", (slug, w) => {
    expect(print(withoutKinds(toDagJson(w)))).toBe(print(snapshot[slug]));
  });

  it("has a snapshot of every seeded workflow and no other", () => {
    expect(Object.keys(snapshot)).toEqual(SEEDED_WORKFLOWS.map((w) => w.slug));
  });
});
