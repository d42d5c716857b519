import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { importsOf } from "./imports.ts";

/** An import of a module outside the walked files, with the chain of files that leads to it from the entry. */
export interface ExternalImport {
  specifier: string;
  chain: string[];
}

/**
 * What a bundle of `entry` would load from outside its own files: follows every relative import that
 * loads code, skipping `import type` (erased when compiled), and lists each package or built-in
 * module imported on the way, once per importing file.
 * @example
 * externalImports("packages/core/src/model/index.ts"); // [{ specifier: "zod", chain: [..., "brief.ts"] }, ...]
 */
export function externalImports(entry: string): ExternalImport[] {
  const found: ExternalImport[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, file];
    for (const { specifier, typeOnly } of importsOf(file, readFileSync(file, "utf8"))) {
      if (typeOnly) continue;
      if (!specifier.startsWith(".")) found.push({ specifier, chain: here });
      else walk(resolveFile(path.resolve(path.dirname(file), specifier)), here);
    }
  };
  walk(path.resolve(entry), []);
  return found;
}

function resolveFile(target: string): string {
  const candidates = [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")];
  const file = candidates.find((c) => existsSync(c) && !c.endsWith(path.sep));
  if (!file) throw new Error(`cannot resolve ${target}`);
  return file;
}
