import type { Page } from "@playwright/test";
import { SANDBOX_TIKTOK_URL, SANDBOX_URL } from "../sandbox.ts";
import { expect, keepScreenshot, runIdOf, test } from "./fixtures.ts";

// The server of TIKTOK_SANDBOX=1: a TikTok app pointed at the local stub, whose consent pages are
// clicked through as a person would, and whose ad account is read back as Ads Manager would show it.
test.use({ baseURL: SANDBOX_URL });

const HANDLE = "stubcreator";
const ADVERTISER_ID = "7000000000000000001";

const step = (page: Page, key: string) => page.getByTestId(`step-${key}`);

/** Connect on the Connections page, authorize on TikTok's page, land back on Connections. */
async function connect(page: Page, kind: "business" | "advertiser") {
  await page.goto("/connections");
  await page.getByTestId(`connection-kind-${kind}`).getByRole("button", { name: "Connect" }).click();
  await expect(page).toHaveURL(new RegExp(`^${SANDBOX_TIKTOK_URL}/`));
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page).toHaveURL(new RegExp(`/connections\\?connected=${kind}$`));
  await expect(page.getByTestId("connected-notice")).toBeVisible();
}

async function startCampaignLaunch(page: Page, handle: string) {
  await page.goto("/briefs/new");
  await page.getByRole("radio", { name: /Campaign launch/ }).check();
  await page.getByLabel("TikTok handle").fill(handle);
  await page.getByLabel("Target type").selectOption("brand");
  await page.getByLabel("Country (optional)").selectOption("US");
  await page.getByRole("button", { name: "Create brief" }).click();
  await page.getByRole("button", { name: "Run it" }).first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  return runIdOf(page);
}

test("a run about a handle nobody connected fails with the way to connect it", async ({ page }) => {
  await startCampaignLaunch(page, "nobodyconnectedthis");
  await expect(step(page, "account_health")).toHaveAttribute("data-status", "failed");
  await expect(
    page.getByText(/No TikTok account is connected for @nobodyconnectedthis/).first(),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Open Connections" }).first()).toBeVisible();
  await expect(page.locator(".run-header").getByTestId("data-source")).not.toHaveText("demo data");
});

test("connect a business account and an advertiser, launch with an edited budget, one disabled campaign at TikTok", async ({
  page,
}, testInfo) => {
  await connect(page, "business");
  await connect(page, "advertiser");
  await expect(page.getByTestId("connection")).toHaveCount(2);
  await keepScreenshot(page, testInfo, "connections-page");

  const runId = await startCampaignLaunch(page, HANDLE);
  await expect(step(page, "account_health")).toHaveAttribute("data-status", "succeeded");
  await expect(step(page, "approve_campaign")).toHaveAttribute("data-status", "waiting_approval");
  await expect(page.locator(".run-header").getByTestId("data-source")).not.toHaveText("demo data");

  await page.getByRole("link", { name: "Review the pending approval" }).click();
  const card = page.getByTestId("approval-card").filter({ hasText: HANDLE }).first();
  await expect(card).toBeVisible();
  await card.getByLabel(/Daily budget/).fill("80");
  await keepScreenshot(page, testInfo, "campaign-review-card");
  await card.getByRole("button", { name: "Approve with edits" }).click();
  await expect(page.getByTestId("decision-message")).toBeVisible();

  // Created at TikTok exactly once, disabled, with the budget the reviewer set.
  const campaigns = async () =>
    (
      await page.request.get(`${SANDBOX_TIKTOK_URL}/__stub/ads/campaigns?advertiser_id=${ADVERTISER_ID}`)
    ).json();
  await expect.poll(campaigns, { timeout: 30_000 }).toHaveLength(1);
  expect(await campaigns()).toMatchObject([{ operation_status: "DISABLE", body: { budget: 80 } }]);

  // Enabling is its own decision.
  const enable = page.getByTestId("approval-card").filter({ hasText: HANDLE }).first();
  await expect(enable).toBeVisible();
  await enable.getByRole("button", { name: "Approve", exact: true }).click();
  await expect.poll(async () => (await campaigns())[0]?.operation_status, { timeout: 30_000 }).toBe("ENABLE");
  expect(await campaigns()).toHaveLength(1);

  // The report reads the stub's account (48,200 followers), not the demo's invented one.
  await page.goto(`/runs/${runId}`);
  await expect(step(page, "report")).toHaveAttribute("data-status", "succeeded");
  await page.getByRole("link", { name: "Read the report" }).click();
  const report = page.getByTestId("report");
  await expect(report).toContainText(`@${HANDLE}`);
  await expect(report).toContainText("48.2K followers");
  await expect(report).not.toContainText("Demo data");
});
