import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toDagJson } from "../workflow/dag-json.ts";
import { SEEDED_WORKFLOWS } from "./seeded.ts";

// The seeded workflows' DAG JSON as stored before step kinds and the typed builder: what runs and
// workflow rows already hold. Rewriting a seeded workflow must not change what it stores.
const snapshot = JSON.parse(readFileSync(new URL("./seeded-dags.snapshot.json", import.meta.url), "utf8"));

describe("seeded workflows' DAG JSON", () => {
  it.each(SEEDED_WORKFLOWS.map((w) => [w.slug, w] as const))("%s stores exactly its snapshot", (slug, w) => {
    expect(JSON.stringify(toDagJson(w), null, 2)).toBe(JSON.stringify(snapshot[slug], null, 2));
  });

  it("has a snapshot of every seeded workflow and no other", () => {
    expect(Object.keys(snapshot)).toEqual(SEEDED_WORKFLOWS.map((w) => w.slug));
  });
});
