import { expect, expectAccessible, keepScreenshot, runIdOf, test } from "./fixtures.ts";

const step = (page: import("@playwright/test").Page, key: string) => page.getByTestId(`step-${key}`);

test("a campaign launch from a brief: watched live, the campaign approved with an edited budget and one hashtag removed, enabled, reported", async ({
  page,
}, testInfo) => {
  await page.goto("/briefs/new");
  await page.getByRole("radio", { name: /Campaign launch/ }).check();
  await page.getByLabel("TikTok handle").fill("lakucosmetics");
  await page.getByLabel("Target type").selectOption("brand");
  await page.getByRole("button", { name: "Create brief" }).click();
  await page.getByRole("button", { name: "Run it" }).first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = runIdOf(page);

  // Steps turn green live, one after the other, without reloading the page.
  await expect(page.locator('[data-testid^="step-"][data-status="running"]').first()).toBeVisible();
  await keepScreenshot(page, testInfo, "run-page-mid-run");
  await expect(step(page, "account_health")).toHaveAttribute("data-status", "succeeded");
  await expect(step(page, "campaign")).toHaveAttribute("data-status", "succeeded");
  await expect(step(page, "approve_campaign")).toHaveAttribute("data-status", "waiting_approval");
  // The plan and the spend wait for the decision: both use what the reviewer approves.
  await expect(step(page, "content_plan")).toHaveAttribute("data-status", "pending");
  await expect(step(page, "publish")).toHaveAttribute("data-status", "pending");

  // The campaign gate: the drafted payload as the campaign it creates.
  await page.getByRole("link", { name: "Review the pending approval" }).click();
  const card = page.locator(`[data-testid="approval-card"][data-review="campaign"]`).filter({
    hasText: "lakucosmetics",
  });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Video views");
  await expect(card.getByTestId("ad").first()).toContainText("Spark Ad of video");
  const budget = card.getByLabel("Daily budget (USD)");
  await expect(budget).toHaveValue("50");
  await expect(budget).toHaveAttribute("data-testid", "campaign-budget");
  await expect(card.getByTestId("campaign-total")).toContainText("$700.00");

  // Past the step's max_daily_budget: the API's refusal lands under the budget's input.
  await budget.fill("10000");
  await card.getByRole("button", { name: "Approve with edits" }).click();
  await expect(card.getByText(/must be at most 500 USD/)).toBeVisible();
  await expect(budget).toHaveAttribute("aria-invalid", "true");

  await budget.fill("75");
  await expect(card.getByText(/must be at most 500 USD/)).toHaveCount(0);
  await expect(card.getByTestId("campaign-total")).toContainText("$1,050.00");
  const removeButtons = card.getByRole("button", { name: /^Remove / });
  const label = (await removeButtons.first().getAttribute("aria-label")) ?? "";
  const removed = label.replace(/^Remove /, "");
  expect(removed).not.toBe("");
  await removeButtons.first().click();
  await expect(card.getByRole("button", { name: `Remove ${removed}` })).toHaveCount(0);
  await keepScreenshot(page, testInfo, "approvals-campaign-card");
  await expectAccessible(page, "the approvals page");
  await card.getByRole("button", { name: "Approve with edits" }).click();
  await expect(page.getByTestId("decision-message")).toContainText("Approved with your edits");

  // The enable gate: the campaign as created, disabled, with the approved budget; approving starts spend.
  const enable = page.locator(`[data-testid="approval-card"][data-review="enable"]`).filter({
    hasText: "lakucosmetics",
  });
  await expect(enable).toBeVisible();
  await expect(enable).toContainText("starts spend");
  await expect(enable.getByTestId("enable-status")).toHaveText("DISABLED");
  await expect(enable.getByTestId("enable-budget")).toHaveText("$75.00");
  await expect(enable.getByRole("button", { name: "Approve with edits" })).toHaveCount(0);
  await keepScreenshot(page, testInfo, "approvals-enable-card");
  await expectAccessible(page, "the approvals page with the enable gate");
  await enable.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByTestId("approval-card")).toHaveCount(0);

  await page.goto(`/runs/${runId}`);
  await expect(step(page, "report")).toHaveAttribute("data-status", "succeeded");
  await expect(step(page, "enable")).toHaveAttribute("data-status", "succeeded");
  await step(page, "publish").click();
  const panel = page.getByTestId("step-panel");
  await expect(panel).toContainText('"operation_status": "DISABLE"');
  // Downstream of the gate, the publisher sent exactly the approved payload.
  const output = (await panel.locator("pre").last().textContent()) ?? "";
  expect(output).toContain('"budget": 75');
  expect(output).toContain('"hashtags"');
  expect(output).not.toContain(`"${removed}"`);
  await expectAccessible(page, "the run page");
  await keepScreenshot(page, testInfo, "run-page-finished");

  await page.getByRole("link", { name: "Read the report" }).click();
  const report = page.getByTestId("report");
  await expect(report).toContainText("Campaign launch: @lakucosmetics");
  await expect(report).toContainText("daily budget of USD 75");
  await expectAccessible(page, "the report page");
  await keepScreenshot(page, testInfo, "report-page");
});

test("a profile audit run ad hoc, read as a report", async ({ page }, testInfo) => {
  await page.goto("/");
  await expectAccessible(page, "the workflows page");
  await keepScreenshot(page, testInfo, "workflows-page");
  await page.getByLabel("Workflow", { exact: true }).selectOption({ label: "Profile audit" });
  await page.getByLabel("TikTok handle").fill("fitwithtom");
  await page.getByLabel("Target type").selectOption("creator");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = runIdOf(page);
  // The server reads offline data: the header says so beside the mode, and so does the run.
  await expect(page.getByTestId("server-data-source")).toHaveText("demo data");
  await expect(page.locator(".run-header").getByTestId("data-source")).toHaveText("demo data");
  await expect(step(page, "report")).toHaveAttribute("data-status", "succeeded");
  await page.getByRole("link", { name: "Read the report" }).click();
  const report = page.getByTestId("report");
  await expect(report).toContainText("@fitwithtom");
  // The report's first line, set in code, says the data was invented.
  await expect(report.locator("blockquote").first()).toHaveText(
    /^\s*Demo data: this report was written from invented/,
  );
  await expect(report).toContainText("Health score");
  // Rendered Markdown, not raw text: the report's tables are tables.
  await expect(report.locator("table").first()).toBeVisible();

  await page.goto("/runs");
  const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
  await expect(row.getByTestId("data-source")).toHaveText("demo data");
});

test("a failed step shows its error message", async ({ page }) => {
  // The server under test makes the performance reviewer's model calls fail (MOCK_FAIL_AGENTS).
  await page.goto("/");
  await page.getByLabel("Workflow", { exact: true }).selectOption({ label: "Post-launch loop" });
  await page.getByLabel("TikTok handle").fill("nolaunchyet");
  // The params form comes from the workflow's params schema; with no campaign and no launch to take
  // it from, the API's message lands beside the field.
  const campaign = page.getByLabel("Campaign id (optional)");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByText("no succeeded campaign_launch run for @nolaunchyet")).toBeVisible();
  await expect(campaign).toHaveAttribute("aria-invalid", "true");
  await campaign.fill("cmp_spring");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-definition-version")).toHaveText(/^v[0-9a-f]{12}$/);
  await expect(step(page, "performance")).toHaveAttribute("data-status", "failed");
  await expect(step(page, "report")).toHaveAttribute("data-status", "skipped");
  await step(page, "performance").click();
  await expect(page.getByTestId("step-error")).toContainText("overloaded");
  await expect(page.getByRole("button", { name: "Retry from this step" })).toBeVisible();
});

test("every page passes an accessibility check in light and dark themes", async ({ page }, testInfo) => {
  for (const [path, name] of [
    ["/", "workflows"],
    ["/briefs/new", "new-brief"],
    ["/runs", "runs"],
    ["/approvals", "approvals"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
    await expectAccessible(page, `${path} (light)`);
    await keepScreenshot(page, testInfo, `${name}-page`);
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expectAccessible(page, `${path} (dark)`);
    await keepScreenshot(page, testInfo, `${name}-page-dark`);
    await page.getByRole("button", { name: "Dark theme" }).click();
  }
});
