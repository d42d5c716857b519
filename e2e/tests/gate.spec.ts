import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, keepScreenshot, startCampaignLaunch, test } from "./fixtures.ts";

const step = (page: Page, key: string) => page.getByTestId(`step-${key}`);

interface RunStepView {
  key: string;
  kind: "agent" | "approval" | "synthesis";
  dependsOn: string[];
  status: string;
}

/** A query of the API as the dashboard sends it: the browser's session cookie, from its own origin. */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(
    `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    {
      headers: { origin: new URL(page.url()).origin },
    },
  );
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

const stepOutput = async (page: Page, runId: string, stepKey: string) =>
  (await query<{ output: unknown }>(page, "runs.step", { runId, stepKey })).output;

/** Every step that runs after `gate`: those depending on it, and on those, and so on. */
function stepsAfter(steps: readonly RunStepView[], gate: string): RunStepView[] {
  const after = new Set([gate]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of steps)
      if (!after.has(s.key) && s.dependsOn.some((d) => after.has(d))) {
        after.add(s.key);
        grew = true;
      }
  }
  return steps.filter((s) => s.key !== gate && after.has(s.key));
}

/** The hashtag as a whole word (not a prefix of a longer tag), with or without `#`, in any case. */
const tagPattern = (tag: string) => new RegExp(`(^|[^\\p{L}\\p{N}_])#?${tag}(?![\\p{L}\\p{N}_])`, "iu");

/** The pending campaign card of `handle`'s run. */
const campaignCard = (page: Page, handle: string): Locator =>
  page.locator('[data-testid="approval-card"][data-review="campaign"]').filter({ hasText: `@${handle}` });

/** Presses Tab until focus is on an element matching `target`, at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await target.and(page.locator(":focus")).count()) === 1) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a trending hashtag removed at the campaign gate is gone from everything after it, and one added there is planned", async ({
  page,
}, testInfo) => {
  const handle = "glowgatebeauty";
  const runId = await startCampaignLaunch(page, handle);
  const trending = (
    (await stepOutput(page, runId, "trends")) as { hashtag_names: string[] }
  ).hashtag_names.map((t) => t.toLowerCase());

  await page.getByRole("link", { name: "Review the pending approval" }).click();
  const card = campaignCard(page, handle);
  await expect(card).toBeVisible();
  // What approving starts, and that the gate waits: said before anyone decides.
  await expect(card.getByTestId("gate-unlocks")).toContainText("Create campaign (disabled)");
  await expect(card.getByTestId("gate-expiry")).toHaveText(/^Does not expire/);

  // A trending tag's chip says why it is there: the trend's numbers, from the drafting step.
  const chips = card.getByTestId("chip");
  await expect(chips.first()).toBeVisible();
  const tags = await chips
    .getByRole("button", { name: /^Remove / })
    .evaluateAll((buttons) =>
      buttons.map((b) => (b.getAttribute("aria-label") ?? "").replace(/^Remove /, "")),
    );
  const removed = tags.find((t) => trending.includes(t.toLowerCase()));
  if (!removed) throw new Error(`no trending hashtag among the proposed ${tags.join(", ")}`);
  const removedChip = chips.filter({
    has: page.getByRole("button", { name: `Remove ${removed}`, exact: true }),
  });
  await expect(removedChip.getByTestId("chip-detail")).toContainText(/^Trending: \S/);

  // Remove it; add a tag typed with # and spaces, then refuse the same tag in another case.
  // The ad group the tag was in, pinned before its chip goes (a filter on the chip would then match none).
  const groups = card.getByTestId("ad-group");
  const groupIndex = await groups.evaluateAll(
    (all, tag) => all.findIndex((g) => g.querySelector(`[aria-label="Remove ${tag}"]`) !== null),
    removed,
  );
  const group = groups.nth(groupIndex);
  await removedChip.getByRole("button", { name: `Remove ${removed}`, exact: true }).click();
  await expect(card.getByRole("button", { name: `Remove ${removed}`, exact: true })).toHaveCount(0);
  const addField = group.getByPlaceholder("Add a hashtag");
  await addField.fill("  #GlowGateDrop ");
  await addField.press("Enter");
  const addedChip = group.getByTestId("chip").filter({ hasText: "#GlowGateDrop" });
  await expect(addedChip.getByTestId("chip-detail")).toHaveText("added by you");
  await addField.fill("glowgatedrop");
  await addField.press("Enter");
  await expect(group.getByTestId("list-add-refused")).toHaveText(
    "#glowgatedrop is already in the list as #GlowGateDrop.",
  );
  await expect(group.getByTestId("chip").filter({ hasText: /#glowgatedrop/i })).toHaveCount(1);
  await keepScreenshot(page, testInfo, "campaign-gate-evidence");
  await expectAccessible(page, "the campaign card with evidence");

  await card.getByRole("button", { name: "Approve with edits" }).click();
  await expect(page.getByTestId("decided-card").filter({ hasText: `@${handle}` })).toContainText(
    "Approved with your edits",
  );
  const enable = page
    .locator('[data-testid="approval-card"][data-review="enable"]')
    .filter({ hasText: `@${handle}` });
  await expect(enable.getByTestId("gate-unlocks")).toContainText("Enable campaign");
  await enable.getByRole("button", { name: "Approve", exact: true }).click();

  await expect
    .poll(async () => (await query<{ status: string }>(page, "runs.get", { runId })).status, {
      timeout: 60_000,
    })
    .toBe("succeeded");
  const run = await query<{ steps: RunStepView[]; report: string | null }>(page, "runs.get", { runId });
  const gone = tagPattern(removed);
  for (const s of stepsAfter(run.steps, "approve_campaign")) {
    if (s.kind === "synthesis") continue; // the report is read as text below
    expect(JSON.stringify(await stepOutput(page, runId, s.key)), `output of ${s.key}`).not.toMatch(gone);
  }
  // The report names the tag only to say it was removed at approval, never as a recommendation.
  const mentions = (run.report ?? "").split("\n").filter((line) => gone.test(line));
  for (const line of mentions) expect(line, "a report line naming the removed tag").toMatch(/removed/i);

  // The content plan runs after the gate and plans with the approved hashtags, the added one included.
  const plan = (await stepOutput(page, runId, "content_plan")) as { hashtags: string[] };
  expect(plan.hashtags.map((t) => t.toLowerCase())).toContain("glowgatedrop");
  expect(plan.hashtags.map((t) => t.toLowerCase())).not.toContain(removed.toLowerCase());
});

test("a campaign approved with the keyboard alone: chips removed in place, the decision announced in the card", async ({
  page,
}, testInfo) => {
  const handle = "lashlinestudio";
  await startCampaignLaunch(page, handle);
  await page.goto("/approvals");
  const card = campaignCard(page, handle);
  await expect(card).toBeVisible();
  const approvalId = await card.getAttribute("data-approval-id");

  // From the top of the page, Tab reaches the card's first chip.
  await page.locator("body").focus();
  const removeButtons = card.getByRole("button", { name: /^Remove / });
  const first = removeButtons.first();
  const firstTag = ((await first.getAttribute("aria-label")) ?? "").replace(/^Remove /, "");
  const before = await removeButtons.count();
  await tabTo(page, first);

  // Enter removes it and focus moves to the chip that took its place, not to the page's top.
  await page.keyboard.press("Enter");
  await expect(card.getByRole("button", { name: `Remove ${firstTag}`, exact: true })).toHaveCount(0);
  await expect(removeButtons).toHaveCount(before - 1);
  const focusedLabel = (await page.locator(":focus").getAttribute("aria-label")) ?? "";
  expect(focusedLabel).toMatch(/^Remove /);
  expect(focusedLabel).not.toBe(`Remove ${firstTag}`);
  await expect(card.locator(":focus")).toHaveCount(1);

  // Space on "Approve with edits"; the card turns into its decision, which takes the focus.
  await tabTo(page, card.getByRole("button", { name: "Approve with edits" }));
  await page.keyboard.press("Space");
  const decided = page.locator(`[data-testid="decided-card"][data-approval-id="${approvalId}"]`);
  const notice = decided.getByRole("status");
  await expect(notice).toBeFocused();
  await expect(notice).toContainText(`Approved with your edits: Approve campaign for @${handle}.`);
  await keepScreenshot(page, testInfo, "campaign-gate-decided-by-keyboard");
  await expectAccessible(page, "the approvals page after a keyboard decision");
});
