// The dashboard draws runs with the engine's rules, imported from @tiktok-army/core/model; a copy of
// a status list or of the reducer is how it once showed states the engine never had. This test reads
// every source file of the dashboard and fails on such a copy, wherever it hides.
//
// It reads the syntax tree rather than the built bundle: it runs in a second without a build, names
// the file and line of the copy, and does not depend on what a minifier does to literals. It finds:
// - a list of statuses: an array (or `new Set([...])`) or a union type naming two or more run or step
//   statuses, such as `["queued", "running"]` or `"failed" | "skipped"`;
// - a reducer: a `switch` with cases for two or more run event types (`case "step_queued":`).
// A single comparison (`status === "succeeded"`) is fine: that is reading a status, not redefining them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RUN_STATUS, STEP_STATUS } from "@tiktok-army/core/model";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const STATUSES = new Set<string>([...Object.values(RUN_STATUS), ...Object.values(STEP_STATUS)]);
const EVENT_TYPE = /^(run|step|approval)_[a-z_]+$/;

/** Each copy of a rule in `source`, as `line: what`. */
function copiedRules(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) =>
    found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const statusesIn = (nodes: readonly ts.Node[]) =>
    nodes.flatMap((n) => {
      const literal = ts.isLiteralTypeNode(n) ? n.literal : n;
      return ts.isStringLiteral(literal) && STATUSES.has(literal.text) ? [literal.text] : [];
    });
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node) && statusesIn(node.elements).length >= 2)
      report(node, `a status list ${node.getText()}`);
    if (ts.isUnionTypeNode(node) && statusesIn(node.types).length >= 2)
      report(node, `a status union ${node.getText()}`);
    if (ts.isSwitchStatement(node)) {
      const types = node.caseBlock.clauses.flatMap((c) =>
        ts.isCaseClause(c) && ts.isStringLiteral(c.expression) && EVENT_TYPE.test(c.expression.text)
          ? [c.expression.text]
          : [],
      );
      if (types.length >= 2) report(node, `a reducer over run events (${types.join(", ")})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the dashboard's source", () => {
  it("defines no status list and no reducer of run events of its own", () => {
    const src = path.dirname(fileURLToPath(import.meta.url));
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(20);
    const copies = files.flatMap((file) =>
      copiedRules(file, readFileSync(file, "utf8")).map((c) => `${path.relative(src, file)}:${c}`),
    );
    expect(copies).toEqual([]);
  });
});

describe("the copy finder", () => {
  it("finds the copies the dashboard used to have", () => {
    const copies = copiedRules(
      "old.ts",
      [
        `const STATUSES: RunStatus[] = ["running", "waiting_approval", "succeeded", "failed"];`,
        `const TICKING = new Set(["running", "waiting_approval"]);`,
        `type Finished = "succeeded" | "failed" | "skipped";`,
        `function apply(view, event) { switch (event.type) { case "step_queued": return 1; case "run_cancelled": return 2; } }`,
      ].join("\n"),
    );
    expect(copies).toEqual([
      expect.stringMatching(/^1: a status list/),
      expect.stringMatching(/^2: a status list/),
      expect.stringMatching(/^3: a status union/),
      "4: a reducer over run events (step_queued, run_cancelled)",
    ]);
  });

  it("lets a single status be read and other lists be listed", () => {
    expect(
      copiedRules(
        "fine.ts",
        [
          `if (run.status === "cancelled") notice();`,
          `type Decision = "approved" | "approved with edits" | "rejected";`,
          `const KINDS = ["string-list", "table", "json"];`,
          `switch (live.kind) { case "connecting": break; case "live": break; }`,
        ].join("\n"),
      ),
    ).toEqual([]);
  });
});
