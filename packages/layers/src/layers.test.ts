import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { layerViolations, type SourceFile } from "./layers.ts";
import { REPO_ROOT, sourceFiles, type WorkspacePackage, workspacePackages } from "./workspace.ts";

const onDisk = (pkg: WorkspacePackage): SourceFile[] =>
  sourceFiles(pkg.dir).map((file) => ({ file, source: readFileSync(file, "utf8") }));

describe("the repository's imports", () => {
  it("point one way, apps -> client -> api -> db -> tiktok -> core, and only through each package's exports", () => {
    const packages = workspacePackages();
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "@tiktok-army/core",
        "@tiktok-army/tiktok",
        "@tiktok-army/db",
        "@tiktok-army/api",
        "@tiktok-army/web",
      ]),
    );
    expect(layerViolations(packages, onDisk, REPO_ROOT)).toEqual([]);
  });
});

// A made-up repository, to see the check refuse each kind of bad import.
const root = "/repo";
const pkg = (name: string, dir: string, exports = ["."]): WorkspacePackage => ({
  name,
  dir: path.join(root, dir),
  exports,
});
const FAKE = [
  pkg("@tiktok-army/core", "packages/core", [".", "./model", "./testing"]),
  pkg("@tiktok-army/tiktok", "packages/tiktok", [".", "./testing"]),
  pkg("@tiktok-army/db", "packages/db", [".", "./testing"]),
  pkg("@tiktok-army/api", "packages/api"),
  pkg("@tiktok-army/server", "apps/server", []),
  pkg("@tiktok-army/web", "apps/web", []),
];

function violationsOf(files: Record<string, string>, packages = FAKE): string[] {
  return layerViolations(
    packages,
    (p) =>
      Object.entries(files)
        .map(([file, source]) => ({ file: path.join(root, file), source }))
        .filter(({ file }) => file.startsWith(`${p.dir}/`)),
    root,
  );
}

describe("the layer check", () => {
  it("accepts imports downwards, the dashboard's model and API types, and a package's own files", () => {
    expect(
      violationsOf({
        "apps/server/src/main.ts": `import { appRouter } from "@tiktok-army/api";\nimport { startEngine } from "@tiktok-army/db";\nimport { SEEDED_WORKFLOWS } from "@tiktok-army/core";`,
        "packages/db/src/runs.ts": `import { startRunInputSchema } from "@tiktok-army/core/model";\nimport { x } from "./x.ts";`,
        "packages/db/src/runs.test.ts": `import { InMemoryRunStore } from "@tiktok-army/core/testing";`,
        "packages/db/src/connections.ts": `import { decryptToken } from "@tiktok-army/tiktok";`,
        "packages/tiktok/src/provider.ts": `import type { TikTokDataProvider } from "@tiktok-army/core";`,
        "apps/web/src/trpc.ts": `import type { AppRouter } from "@tiktok-army/api";\nimport { RUN_STATUS } from "@tiktok-army/core/model";\nimport React from "react";`,
      }),
    ).toEqual([]);
  });

  it("refuses an import upwards, naming the file, the line and the rule", () => {
    expect(
      violationsOf({ "packages/db/src/runs.ts": `\nimport { appRouter } from "@tiktok-army/api";` }),
    ).toEqual([
      "packages/db/src/runs.ts:2: @tiktok-army/db imports @tiktok-army/api, which is not below it (apps -> client -> api -> db -> tiktok -> core)",
    ]);
    expect(violationsOf({ "packages/core/src/a.ts": `export * from "@tiktok-army/db";` })).toHaveLength(1);
    expect(violationsOf({ "packages/tiktok/src/a.ts": `import { x } from "@tiktok-army/db";` })).toHaveLength(
      1,
    );
    expect(
      violationsOf({ "packages/core/src/a.ts": `import { x } from "@tiktok-army/tiktok";` }),
    ).toHaveLength(1);
  });

  it("refuses another package's internals, by package path or by relative path", () => {
    expect(
      violationsOf({
        "packages/api/src/a.ts": `import { applyRunEvent } from "@tiktok-army/core/src/runner/reduce.ts";`,
        "packages/api/src/b.ts": `import { DataError } from "../../db/src/errors.ts";`,
      }),
    ).toEqual([
      expect.stringContaining('"@tiktok-army/core/src/runner/reduce.ts" is an internal of @tiktok-army/core'),
      expect.stringContaining('"../../db/src/errors.ts" reaches into files outside @tiktok-army/api'),
    ]);
  });

  it("lets the dashboard use the API's types only, and the core's model only", () => {
    expect(
      violationsOf({
        "apps/web/src/a.ts": `import { appRouter } from "@tiktok-army/api";`,
        "apps/web/src/b.ts": `import { SEEDED_WORKFLOWS } from "@tiktok-army/core";`,
        "apps/web/src/c.ts": `import type { Engine } from "@tiktok-army/db";`,
        "apps/web/src/d.ts": `import { type AppRouter } from "@tiktok-army/api";`,
      }),
    ).toEqual([
      expect.stringContaining('the dashboard imports "@tiktok-army/api" at run time'),
      expect.stringContaining('the dashboard imports "@tiktok-army/core" at run time'),
      expect.stringContaining('the dashboard imports "@tiktok-army/db";'),
      expect.stringContaining('the dashboard imports "@tiktok-army/api" at run time'),
    ]);
  });

  it("keeps databases, HTTP and React out of the core, and asks for a layer for a new package", () => {
    expect(
      violationsOf({
        "packages/core/src/a.ts": `import { PrismaClient } from "@prisma/client";\nimport "react";`,
      }),
    ).toEqual([
      expect.stringContaining('the core imports "@prisma/client"'),
      expect.stringContaining('the core imports "react"'),
    ]);
    expect(violationsOf({}, [...FAKE, pkg("@tiktok-army/billing", "packages/billing")])).toEqual([
      expect.stringContaining("@tiktok-army/billing: not in the layer table"),
    ]);
  });
});
