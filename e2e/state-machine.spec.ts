import { expect, test } from "./fixtures/test";
import { seed } from "./fixtures/aws";

test.describe("state machine page", () => {
  test("draws every state, lists the findings, and opens a state's details", async ({ page }) => {
    const pipeline = seed.stateMachines["file-pipeline"];
    const response = await page.goto(`/state-machines/${encodeURIComponent(pipeline.arn)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "file-pipeline" })).toBeVisible();
    for (const state of ["Validate", "CheckFormat", "Rejected", "Transform", "Archive", "Notify"]) {
      await expect(page.getByTestId(`state-node-${state}`)).toBeVisible();
    }
    // Archive has no TimeoutSeconds: the silent-timeout finding names it.
    const findings = page.getByRole("list", { name: "Findings" });
    await expect(findings.locator('[data-code="task-timeout-missing"]').filter({ hasText: "Archive" })).toBeVisible();

    await page.getByTestId("state-node-Transform").focus();
    await page.keyboard.press("Enter");
    const details = page.getByRole("region", { name: "State Transform" });
    await expect(details).toBeVisible();
    await expect(details).toContainText("Task");
    await expect(details).toContainText(/timeout/i);
    await expect(page.getByRole("textbox", { name: /AlarmDescription/ })).toHaveValue(/\/state-machines\/arn%3Aaws%3Astates/);
    await page.screenshot({ path: "e2e/screenshots/state-machine.png", fullPage: true });
  });
});
