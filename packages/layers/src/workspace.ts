import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A package of the pnpm workspace, with the subpaths its `exports` offer (`.`, `./model`...). */
export interface WorkspacePackage {
  name: string;
  dir: string;
  exports: string[];
}

const SKIPPED_DIRS = new Set(["node_modules", "dist", ".turbo", "test-results", "playwright-report"]);

/** The repository's root: the folder of pnpm-workspace.yaml above this package. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

/** The packages pnpm-workspace.yaml lists (`apps/*`, `packages/*`, `e2e`). */
export function workspacePackages(root = REPO_ROOT): WorkspacePackage[] {
  const yaml = readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8");
  const section = yaml.split(/^packages:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const patterns = [...section.matchAll(/^\s*-\s*["']?([^"'\s]+)["']?\s*$/gm)].map((m) => m[1] as string);
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [path.join(root, pattern)];
    const parent = path.join(root, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(parent, e.name));
  });
  return dirs
    .filter((dir) => existsSync(path.join(dir, "package.json")))
    .map((dir) => {
      const json = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      const exports =
        typeof json.exports === "object" && json.exports !== null ? Object.keys(json.exports) : [];
      return { name: json.name as string, dir, exports };
    });
}

/** The TypeScript and JavaScript files of a package, its tests and configs included. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}
