import pg from "pg";
import { EMBEDDED_DATABASE_URL } from "../server-database.ts";
import { expect, expectAccessible, keepScreenshot, test } from "./fixtures.ts";

/** Writes a workflow row into the server's database, as an older release or an edit by hand would. */
async function storeWorkflowRow(slug: string, name: string, dag: unknown): Promise<void> {
  const client = new pg.Client({ connectionString: EMBEDDED_DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO workflows (id, workspace_id, slug, name, description, dag, updated_at)
       SELECT gen_random_uuid(), id, $1, $2, 'Stored in this workspace only', $3::jsonb, now()
       FROM workspaces WHERE name = 'local'
       ON CONFLICT (workspace_id, slug) DO UPDATE SET dag = EXCLUDED.dag`,
      [slug, name, JSON.stringify(dag)],
    );
  } finally {
    await client.end();
  }
}

test("stored definitions never shadow the code, and one that no longer validates is listed with its problem", async ({
  page,
}, testInfo) => {
  // A stale copy of profile_audit (one step, no report) and a workflow naming an agent that is gone.
  await storeWorkflowRow("profile_audit", "Profile audit", {
    version: 1,
    steps: [
      {
        key: "account_health",
        agentName: "account_health",
        label: "Old health",
        inputMap: { handle: "brief.handle" },
      },
    ],
  });
  await storeWorkflowRow("competitor_watch", "Competitor watch", {
    version: 1,
    steps: [
      { key: "watch", agentName: "competitor_spy", label: "Watch", inputMap: { handle: "brief.handle" } },
    ],
  });

  await page.goto("/");
  const invalid = page.getByTestId("workflow-competitor_watch");
  await expect(invalid).toContainText("no longer validates");
  await expect(invalid).toContainText("unknown agent: competitor_spy");
  await expect(invalid.getByRole("button", { name: /Run/ })).toBeDisabled();
  // The code's profile_audit is listed and runs whole, stale row or not.
  await expect(page.getByTestId("workflow-profile_audit")).toContainText(/\d+ steps/);
  await expectAccessible(page, "the workflows page with an invalid stored definition");
  await invalid.scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, "workflows-invalid-stored-definition");

  await page.getByLabel("Workflow", { exact: true }).selectOption({ label: "Profile audit" });
  await page.getByLabel("TikTok handle").fill("glowwithmia");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("step-report")).toHaveAttribute("data-status", "succeeded");
});
