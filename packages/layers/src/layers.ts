import path from "node:path";
import { importsOf } from "./imports.ts";
import type { WorkspacePackage } from "./workspace.ts";

/**
 * Who may import whom: a package imports only packages of a lower layer, so dependencies point one
 * way (apps -> client -> api -> db -> tiktok -> core). A new package fails the check until it has a layer here.
 */
export const LAYERS: Record<string, number> = {
  "@tiktok-army/tsconfig": 0,
  "@tiktok-army/core": 1,
  "@tiktok-army/tiktok": 2,
  "@tiktok-army/db": 3,
  "@tiktok-army/api": 4,
  "@tiktok-army/client": 5,
  "@tiktok-army/server": 6,
  "@tiktok-army/e2e": 7,
  "@tiktok-army/layers": 7,
};

/** The dashboard runs in a browser: of ours it may use the API's types and the core's browser-safe model only. */
export const WEB = "@tiktok-army/web";
const WEB_MAY_IMPORT = (target: string, subpath: string, typeOnly: boolean) =>
  (target === "@tiktok-army/core" && subpath === "./model") || (target === "@tiktok-army/api" && typeOnly);

/** What the pure core never imports: it talks to databases, HTTP and screens through ports. */
const CORE_NEVER_IMPORTS = /^(@prisma\/|prisma$|pg$|pg-boss$|@trpc\/|react($|-|\/)|hono$|@hono\/)/;

export interface SourceFile {
  file: string;
  source: string;
}

/**
 * Every import that breaks the layering, as `file:line: why`: a package importing one of its own
 * layer or above, the dashboard importing anything of ours but the API's types and the core's model,
 * any import of another package's files that its `exports` do not offer (`@tiktok-army/core/src/...`,
 * or a relative path out of the package), and the core importing a database, HTTP or React library.
 */
export function layerViolations(
  packages: readonly WorkspacePackage[],
  filesOf: (pkg: WorkspacePackage) => SourceFile[],
  root: string,
): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const violations: string[] = [];
  for (const pkg of packages) {
    if (pkg.name !== WEB && LAYERS[pkg.name] === undefined)
      violations.push(
        `${pkg.name}: not in the layer table of packages/layers/src/layers.ts; give it a layer`,
      );
    for (const { file, source } of filesOf(pkg)) {
      for (const { specifier, typeOnly, line } of importsOf(file, source)) {
        const at = `${path.relative(root, file)}:${line}`;
        const refuse = (why: string) => violations.push(`${at}: ${why}`);
        if (specifier.startsWith(".")) {
          const target = path.resolve(path.dirname(file), specifier);
          if (path.relative(pkg.dir, target).startsWith(".."))
            refuse(
              `"${specifier}" reaches into files outside ${pkg.name}; import the package by its exports`,
            );
          continue;
        }
        if (pkg.name === "@tiktok-army/core" && CORE_NEVER_IMPORTS.test(specifier))
          refuse(`the core imports "${specifier}"; it reaches the world through ports`);
        const match = /^(@tiktok-army\/[^/]+)(\/.*)?$/.exec(specifier);
        if (!match) continue;
        const [, name = "", rest] = match;
        const subpath = rest ? `.${rest}` : ".";
        const target = byName.get(name);
        if (!target) {
          refuse(`"${specifier}" is no package of the workspace`);
          continue;
        }
        if (!target.exports.includes(subpath))
          refuse(
            `"${specifier}" is an internal of ${name}: its exports offer ${target.exports.join(", ") || "nothing"}`,
          );
        if (name === pkg.name) continue;
        if (pkg.name === WEB) {
          if (!WEB_MAY_IMPORT(name, subpath, typeOnly))
            refuse(
              `the dashboard imports "${specifier}"${typeOnly ? "" : " at run time"}; it may use @tiktok-army/core/model and the types of @tiktok-army/api only`,
            );
          continue;
        }
        const from = LAYERS[pkg.name];
        const to = name === WEB ? Number.POSITIVE_INFINITY : LAYERS[name];
        if (from !== undefined && to !== undefined && to >= from)
          refuse(
            `${pkg.name} imports ${name}, which is not below it (apps -> client -> api -> db -> tiktok -> core)`,
          );
      }
    }
  }
  return violations;
}
