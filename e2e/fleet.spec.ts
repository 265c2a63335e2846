import { expect, test } from "./fixtures/test";
import { listArns, seed, waitForExecution } from "./fixtures/aws";
import { FleetPage } from "./pages/fleet-page";

test.describe("fleet page", () => {
  test("lists every seeded state machine with its failure counts", async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    for (const sm of Object.values(seed.stateMachines)) {
      await expect(fleet.stateMachines.getByRole("link", { name: sm.name, exact: true })).toBeVisible();
    }
    await expect(fleet.freshness).toContainText("Last updated");
    await page.screenshot({ path: "e2e/screenshots/fleet.png", fullPage: true });
  });

  test("shows a new TIMED_OUT execution without a reload, among the silent timeouts", async ({ page }) => {
    const nightly = seed.stateMachines["nightly-export"];
    expect(seed.unwatched, "nightly-export must be unwatched in the seed").toContain("nightly-export");
    await page.goto("/");
    await expect(page.getByTestId("freshness")).toContainText("Last updated");
    // Only an execution that times out after the page opened proves the live refresh.
    const before = await listArns(nightly.arn, "TIMED_OUT");
    const arrived = await waitForExecution(nightly.arn, "TIMED_OUT", () => true, { notIn: before, timeoutMs: 100_000 });
    const arrivedAt = Date.now();
    const row = page.getByTestId("fleet-row").filter({ hasText: arrived.name! });
    // One poll interval (3 s in the e2e server) plus the browser's 5 s refresh: 10× that is a limit, not a speed
    // check (the latency is recorded below as a figure, never asserted).
    await expect(row).toBeVisible({ timeout: 80_000 });
    test.info().annotations.push({ type: "arrival-latency-ms", description: String(Date.now() - arrivedAt) });
    await expect(row).toHaveAttribute("data-new", "true");
    await expect(row.getByRole("cell", { name: "TIMED_OUT" })).toBeVisible();
    await expect(page.getByTestId("silent-timeouts").getByRole("link", { name: new RegExp(arrived.name!) })).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/fleet-timed-out.png", fullPage: true });
  });

  test("keeps filters in the URL", async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open("status=TIMED_OUT");
    await expect(fleet.status).toHaveValue("TIMED_OUT");
    const statuses = await page.getByTestId("fleet-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses.every((s) => s === "TIMED_OUT")).toBe(true);
    await fleet.status.selectOption("FAILED");
    await expect(page).toHaveURL(/status=FAILED/);
  });
});
