import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface AssetSize {
  /** Relative to the dist folder, e.g. `assets/vendor-B-Ehsf6L.js`. */
  file: string;
  gzipBytes: number;
}

export interface BundleSizes {
  /** index.html and what it makes the browser fetch before any code runs. */
  initial: AssetSize[];
  /** Everything else in `assets/`: the chunks pages import on demand (run page, report page). */
  lazy: AssetSize[];
}

/** Gzip sizes (level 9) of a Vite build's initial load and of its lazy chunks. */
export async function bundleSizes(distDir: string): Promise<BundleSizes> {
  const html = await readFile(path.join(distDir, "index.html"), "utf8");
  const initialFiles = ["index.html", ...initialAssets(html)];
  const assetFiles = (await readdir(path.join(distDir, "assets"))).map((name) => `assets/${name}`);
  const sizeOf = async (file: string): Promise<AssetSize> => ({
    file,
    gzipBytes: gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length,
  });
  return {
    initial: await Promise.all(initialFiles.map(sizeOf)),
    lazy: await Promise.all(assetFiles.filter((f) => !initialFiles.includes(f)).map(sizeOf)),
  };
}

/**
 * The files index.html loads at first: its `<script src>`, `<link rel="modulepreload">` and
 * `<link rel="stylesheet">`, as paths relative to the dist folder.
 */
export function initialAssets(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = attribute(tag, "rel");
    const url = tag.startsWith("<script") ? attribute(tag, "src") : attribute(tag, "href");
    const loadsNow = tag.startsWith("<script") || rel === "modulepreload" || rel === "stylesheet";
    if (url && loadsNow) files.push(url.replace(/^\//, ""));
  }
  return files;
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
