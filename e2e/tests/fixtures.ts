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
