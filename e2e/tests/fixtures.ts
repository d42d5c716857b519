import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";

// Expected browser noise: deliberate 4xx answers, and SSE streams cut when a page is left.
const EXPECTED_CONSOLE = [
  /Failed to load resource: the server responded with a status of 4\d\d/,
  /ERR_INCOMPLETE_CHUNKED_ENCODING/,
];

/** Every test fails on an unexpected console error or uncaught page error. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !EXPECTED_CONSOLE.some((re) => re.test(message.text())))
          errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Saves a screenshot of the page as an artifact of the test, and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** No axe violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** The run id of the run page the browser is on. */
export function runIdOf(page: Page): string {
  const match = new URL(page.url()).pathname.match(/^\/runs\/([0-9a-f-]{36})/);
  if (!match?.[1]) throw new Error(`not on a run page: ${page.url()}`);
  return match[1];
}

// ---------- Phones and the run view's gates (phone.spec.ts) ----------

/** A phone (an iPhone 14's CSS pixels) and a desktop window, the two widths the layout is checked at. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1400, height: 900 } as const;

/** The page scrolls only up and down: nothing is wider than the window. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  // A string, not a function: this package's types have no DOM.
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>(
    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]",
  );
  expect(
    scrollWidth,
    `${what} scrolls sideways (${scrollWidth} px wide in ${clientWidth} px)`,
  ).toBeLessThanOrEqual(clientWidth);
}

/** Starts a campaign launch for `handle` from a brief and waits on its run page until the campaign gate asks. */
export async function startCampaignLaunch(page: Page, handle: string): Promise<string> {
  await page.goto("/briefs/new");
  await page.getByRole("radio", { name: /Campaign launch/ }).check();
  await page.getByLabel("TikTok handle").fill(handle);
  await page.getByLabel("Target type").selectOption("brand");
  await page.getByRole("button", { name: "Create brief" }).click();
  await page.getByRole("button", { name: "Run it" }).first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("step-approve_campaign")).toHaveAttribute("data-status", "waiting_approval");
  return runIdOf(page);
}

/** Runs a profile audit of `handle` from the workflows page and waits for its report. */
export async function runProfileAudit(page: Page, handle: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Workflow", { exact: true }).selectOption({ label: "Profile audit" });
  await page.getByLabel("TikTok handle").fill(handle);
  await page.getByLabel("Target type").selectOption("creator");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("step-report")).toHaveAttribute("data-status", "succeeded");
  return runIdOf(page);
}

/** Like keepScreenshot, but the whole page: on a phone most of it is below the fold. */
export async function keepFullPageScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
