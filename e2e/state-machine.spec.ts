import { expect, test } from "./fixtures/test";
import { seed } from "./fixtures/aws";
import { StateMachinePage } from "./pages/state-machine-page";

test.describe("state machine page", () => {
  test("draws every state, lists the findings, and opens a state's details", async ({ page }) => {
    const pipeline = seed.stateMachines["file-pipeline"];
    const sm = new StateMachinePage(page);
    const response = await sm.open(pipeline.arn);
    expect(response?.status()).toBe(200);
    await expect(sm.heading("file-pipeline")).toBeVisible();
    for (const state of ["Validate", "CheckFormat", "Rejected", "Transform", "Archive", "Notify"]) {
      await expect(sm.node(state)).toBeVisible();
    }
    // Archive has no TimeoutSeconds: the silent-timeout finding names it.
    await expect(sm.findings.locator('[data-code="task-timeout-missing"]').filter({ hasText: "Archive" })).toBeVisible();

    await sm.node("Transform").focus();
    await page.keyboard.press("Enter");
    const details = sm.stateDetails("Transform");
    await expect(details).toBeVisible();
    await expect(details).toContainText("Task");
    await expect(details).toContainText(/timeout/i);
    await expect(sm.alarmDescription).toHaveValue(/\/state-machines\/arn%3Aaws%3Astates/);
    await page.screenshot({ path: "e2e/screenshots/state-machine.png", fullPage: true });
  });
});
