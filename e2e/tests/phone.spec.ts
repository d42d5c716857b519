import type { Page } from "@playwright/test";
import {
  DESKTOP,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  keepFullPageScreenshot,
  PHONE,
  runProfileAudit,
  startCampaignLaunch,
  test,
} from "./fixtures.ts";

const step = (page: Page, key: string) => page.getByTestId(`step-${key}`);

test("on a 390 px phone and a 1400 px desktop the runs, run, approvals and report pages fit the width; a phone's run page lists its steps as a timeline", async ({
  page,
}, testInfo) => {
  // Two runs, then ten pages at two widths.
  test.setTimeout(240_000);
  const auditId = await runProfileAudit(page, "phonefitcheck");
  // A campaign waiting at its gate: the approvals page's widest card.
  const launchId = await startCampaignLaunch(page, "phonefitbrand");

  for (const [width, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);

    await page.goto("/runs");
    await expect(page.getByTestId("runs-table")).toBeVisible();
    await expectNoSidewaysScroll(page, `the runs page (${width})`);
    await keepFullPageScreenshot(page, testInfo, `runs-${width}`);

    await page.goto(`/runs/${launchId}`);
    await expect(step(page, "approve_campaign")).toHaveAttribute("data-status", "waiting_approval");
    if (width === "phone") {
      await expect(page.getByTestId("step-timeline")).toBeVisible();
      await expect(page.getByTestId("dag-graph")).toHaveCount(0);
      // Top to bottom, each step after the steps it needs.
      const order = await page
        .getByTestId("step-timeline")
        .locator("[data-testid^='step-']")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid")));
      expect(order.indexOf("step-account_health")).toBeLessThan(order.indexOf("step-campaign"));
      expect(order.indexOf("step-campaign")).toBeLessThan(order.indexOf("step-approve_campaign"));
      expect(order.indexOf("step-approve_campaign")).toBeLessThan(order.indexOf("step-publish"));
      expect(order.at(-1)).toBe("step-report");
    } else {
      await expect(page.getByTestId("dag-graph")).toBeVisible();
      await expect(page.getByTestId("step-timeline")).toHaveCount(0);
    }
    await expectNoSidewaysScroll(page, `the run page (${width})`);
    await expectAccessible(page, `the run page (${width})`);
    await keepFullPageScreenshot(page, testInfo, `run-${width}`);
    // The gate's proposal, open in the step panel.
    await step(page, "approve_campaign").click();
    await expect(page.getByTestId("step-panel").getByTestId("approval-card")).toBeVisible();
    await expectNoSidewaysScroll(page, `the run page with the gate open (${width})`);
    await keepFullPageScreenshot(page, testInfo, `run-gate-${width}`);

    await page.goto("/approvals");
    await expect(page.getByTestId("approval-card").filter({ hasText: "phonefitbrand" })).toBeVisible();
    await expectNoSidewaysScroll(page, `the approvals page (${width})`);
    await keepFullPageScreenshot(page, testInfo, `approvals-${width}`);

    await page.goto(`/runs/${auditId}/report`);
    await expect(page.getByTestId("report").locator("table").first()).toBeVisible();
    await expectNoSidewaysScroll(page, `the report (${width})`);
    await expectAccessible(page, `the report (${width})`);
    await keepFullPageScreenshot(page, testInfo, `report-${width}`);
  }

  // On the phone the report's tables scroll inside their own box.
  const box = page.getByTestId("report").locator(".table-wrap").first();
  await expect(box).toHaveCSS("overflow-x", "auto");
});

test("on a phone the navigation opens from the Menu button and closes once a page is picked", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = page.getByRole("button", { name: /^Menu/ });
  await expect(nav).toBeHidden();
  await expect(page.getByTestId("mode-badge")).toBeVisible();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Runs" }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expectNoSidewaysScroll(page, "the runs page");
});

test("a gate decided inline in the run view shows its decision record: who, when, each change before → after, and the comment", async ({
  page,
}, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await startCampaignLaunch(page, "inlinegatebrand");
  await step(page, "approve_campaign").click();
  const panel = page.getByTestId("step-panel");
  const card = panel.getByTestId("approval-card");
  await expect(card).toHaveAttribute("data-review", "campaign");
  const budget = card.getByLabel("Daily budget (USD)");
  await expect(budget).toHaveValue("50");
  await budget.fill("75");
  await card.getByLabel("Comment (optional)").fill("Raise it for launch week");
  await card.getByRole("button", { name: "Approve with edits" }).click();

  const record = panel.getByTestId("decision-record");
  await expect(record).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(record.getByTestId("decision-summary")).toHaveText(
    /^Approved with edits by workspace:\S+ on .+\.$/,
  );
  await expect(record.getByTestId("decision-changes").locator('li[data-path="campaign.budget"]')).toHaveText(
    "campaign.budget: from 50 → to 75",
  );
  await expect(record.getByTestId("decision-comment")).toHaveText("Raise it for launch week");
  await expect(step(page, "approve_campaign")).toHaveAttribute("data-status", "succeeded");
  await expectAccessible(page, "the run page with a gate's decision record");
  await keepFullPageScreenshot(page, testInfo, "run-gate-decided");

  // The next gate asks in the same place: the enable gate, decided inline too, as proposed.
  await expect(step(page, "approve_enable")).toHaveAttribute("data-status", "waiting_approval");
  await step(page, "approve_enable").click();
  const enable = panel.getByTestId("approval-card");
  await expect(enable).toHaveAttribute("data-review", "enable");
  await enable.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(panel.getByTestId("decision-summary")).toHaveText(/^Approved as proposed by /);
  await expect(panel.getByTestId("decision-changes")).toHaveCount(0);
  await expect(step(page, "report")).toHaveAttribute("data-status", "succeeded");
});
