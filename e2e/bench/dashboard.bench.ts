// The dashboard's two budgets: the gzip size of what the first page load fetches (target 250 kB),
// and the time a 40-step run page takes to show its whole DAG in headless Chromium.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "../chromium.ts";
import { type AssetSize, bundleSizes } from "./bundle-size.ts";
import { serveSyntheticRun } from "./serve-synthetic-run.ts";
import { startServerProcess } from "./server-process.ts";
import { syntheticRun } from "./synthetic-run.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const WEB_DIST = fileURLToPath(new URL("../../apps/web/dist/", import.meta.url));
const INITIAL_TARGET_BYTES = 250_000;
const WARM_LOADS = 5;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} kB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const sum = (assets: AssetSize[]) => assets.reduce((total, a) => total + a.gzipBytes, 0);

// 1. Bundle size, of a fresh build.
const build = spawnSync(process.execPath, ["scripts/pnpm.mjs", "--filter", "@tiktok-army/web", "build"], {
  cwd: REPO,
  encoding: "utf8",
});
if (build.status !== 0) throw new Error(`apps/web build failed:\n${build.stdout}\n${build.stderr}`);

const sizes = await bundleSizes(WEB_DIST);
const initialBytes = sum(sizes.initial);
console.log("dashboard bundle (apps/web/dist; gzip level 9, node:zlib; 1 kB = 1000 B)");
console.log("  initial load");
for (const asset of sizes.initial) console.log(`    ${asset.file.padEnd(40)}${kB(asset.gzipBytes)}`);
console.log(
  `    ${"total".padEnd(40)}${kB(initialBytes)}  (target <= ${kB(INITIAL_TARGET_BYTES).trim()}: ${
    initialBytes <= INITIAL_TARGET_BYTES ? "ok" : "OVER"
  })`,
);
console.log("  lazy chunks (loaded by the run and report pages)");
for (const asset of sizes.lazy) console.log(`    ${asset.file.padEnd(40)}${kB(asset.gzipBytes)}`);

// 2. Run page render time, against the real server with the run itself served by the browser.
if (!existsSync(CHROMIUM)) {
  const message = `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH): run page timing`;
  if (process.env.CI === "true") throw new Error(`${message} cannot be skipped in CI`);
  console.log(`\n${message} SKIPPED`);
  process.exit(0);
}

const run = syntheticRun();
const server = await startServerProcess();
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    await serveSyntheticRun(context, run);
    const cold = await timeRunPage(context, run.id, run.steps.length);
    const warm: number[] = [];
    for (let i = 0; i < WARM_LOADS; i++) warm.push(await timeRunPage(context, run.id, run.steps.length));
    warm.sort((a, b) => a - b);
    const [min = 0, median = 0, max = 0] = [warm[0], warm[Math.floor(WARM_LOADS / 2)], warm.at(-1)];

    console.log(
      `\nrun page, ${run.steps.length}-step synthetic run (headless Chromium; goto -> all DAG nodes visible)`,
    );
    console.log(`  ${"first load (new context, cold cache)".padEnd(40)}${ms(cold).padStart(10)}`);
    console.log(
      `  ${`median of ${WARM_LOADS} fresh pages after it`.padEnd(40)}${ms(median).padStart(10)}  (min ${ms(min)}, max ${ms(max)})`,
    );
    // Playwright turns Chromium's HTTP cache off in a context with routes (see `page.route`).
    console.log("  (no HTTP cache under page.route: every load fetches every asset from the server)");
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}

/**
 * Opens `/runs/<id>` in a new page of `context` and times it until all `steps` DAG nodes are
 * visible: React Flow shows them (`visibility: visible`) once measured and laid out.
 */
async function timeRunPage(context: BrowserContext, runId: string, steps: number): Promise<number> {
  const page = await context.newPage();
  try {
    const started = performance.now();
    await page.goto(`/runs/${runId}`, { waitUntil: "commit" });
    // Checked on every frame: `locator.waitFor` polls with a backoff of up to 500 ms.
    await page.waitForFunction(allNodesVisible(steps), undefined, { polling: "raf", timeout: 30_000 });
    return performance.now() - started;
  } finally {
    await page.close();
  }
}

/**
 * In the page, true once it shows `steps` DAG nodes, each visible with a size. Only DAG nodes
 * match: the step panel (also `step-…`) opens only with `?step=`. A string, as this package has no
 * DOM types.
 */
function allNodesVisible(steps: number): string {
  return `(() => {
    const nodes = [...document.querySelectorAll('[data-testid^="step-"]')];
    return nodes.length === ${steps} && nodes.every(
      (node) => node.checkVisibility({ visibilityProperty: true }) && node.getBoundingClientRect().width > 0,
    );
  })()`;
}
