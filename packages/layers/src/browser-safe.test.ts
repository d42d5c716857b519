import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { externalImports } from "./browser-safe.ts";
import { REPO_ROOT } from "./workspace.ts";

/** What the dashboard's bundle may take in through @tiktok-army/core/model: zod, and nothing of Node. */
const BROWSER_SAFE = /^zod(\/|$)/;
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] ?? "");

const describeImport = ({ specifier, chain }: { specifier: string; chain: string[] }) =>
  `${specifier} <- ${chain.map((f) => path.relative(REPO_ROOT, f)).join(" <- ")}`;

describe("@tiktok-army/core/model", () => {
  it("loads no Node built-in and no package but zod, however deep its imports go", () => {
    const external = externalImports(path.join(REPO_ROOT, "packages/core/src/model/index.ts"));
    expect(external.length).toBeGreaterThan(0);
    expect(external.filter((i) => isNodeBuiltin(i.specifier)).map(describeImport)).toEqual([]);
    expect(external.filter((i) => !BROWSER_SAFE.test(i.specifier)).map(describeImport)).toEqual([]);
  });

  it("is the entry point the core's package.json exports as ./model", () => {
    const json = JSON.parse(readFileSync(path.join(REPO_ROOT, "packages/core/package.json"), "utf8"));
    expect(json.exports["./model"]).toBe("./src/model/index.ts");
  });
});

describe("externalImports", () => {
  it("follows imports that load code and reports what they reach, skipping type-only ones", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "browser-safe-"));
    const write = (name: string, source: string) => writeFileSync(path.join(dir, name), source);
    write(
      "entry.ts",
      `import { b } from "./b.ts";\nimport type { C } from "./c.ts";\nexport { d } from "./d";`,
    );
    write("b.ts", `import { randomUUID } from "node:crypto";\nexport const b = randomUUID;`);
    write("c.ts", `import { readFileSync } from "node:fs";\nexport type C = typeof readFileSync;`);
    write("d.ts", `import { type Z } from "zod";\nexport const d = 1;`);
    expect(externalImports(path.join(dir, "entry.ts"))).toEqual([
      { specifier: "node:crypto", chain: [path.join(dir, "entry.ts"), path.join(dir, "b.ts")] },
      { specifier: "zod", chain: [path.join(dir, "entry.ts"), path.join(dir, "d.ts")] },
    ]);
  });
});
