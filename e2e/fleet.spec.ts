import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { listArns, seed, waitForExecution } from "./fixtures/aws";

/** Waits until the fleet shows at least `n` signatures (the sandbox keeps failing; the poll is 3 s). */
async function openFleetWithSignatures(page: Page, n: number, url = "/") {
  await expect(async () => {
    await page.goto(url);
    expect(await page.getByTestId("signature-row").count()).toBeGreaterThanOrEqual(n);
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}

/** Top and bottom of an element relative to the viewport. */
async function box(page: Page, testIdOrRole: ReturnType<Page["getByTestId"]>) {
  const b = await testIdOrRole.boundingBox();
  if (!b) throw new Error("element not rendered");
  return b;
}

test.describe("fleet page", () => {
  test("first screen at 1440×900 shows what is on fire: signatures with counts; the state machines follow as background", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openFleetWithSignatures(page, 2);
    const rows = page.getByTestId("signature-row");
    const first = rows.first();
    await expect(first).toBeVisible();
    expect(Number(await first.getAttribute("data-count"))).toBeGreaterThan(0);
    await expect(first.getByRole("cell").first()).toHaveText(/^\d[\d,]*$/);
    await expect(first.getByRole("img")).toBeVisible();
    // The top signatures are on the first screen, without scrolling; the state machines (background, issue 11's
    // triage order) come after the failures.
    expect((await box(page, rows.nth(1))).y + (await box(page, rows.nth(1))).height).toBeLessThanOrEqual(900);
    expect((await box(page, page.getByRole("heading", { name: "State machines" }))).y).toBeGreaterThan((await box(page, rows.first())).y);
    const table = page.getByRole("table", { name: "State machines" });
    for (const sm of Object.values(seed.stateMachines)) await expect(table.getByRole("link", { name: sm.name, exact: true })).toBeAttached();
    await expect(page.getByTestId("freshness")).toContainText("Last updated");
    await expect(page.getByTestId("index-progress")).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/fleet-1440.png" });
    await page.screenshot({ path: "e2e/screenshots/fleet-1440-full.png", fullPage: true });
  });

  test("first screen at 390×844 (a phone) shows the top signatures with counts", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openFleetWithSignatures(page, 1);
    const first = page.getByTestId("signature-row").first();
    await expect(first).toBeInViewport();
    const b = await box(page, first);
    expect(b.y + b.height).toBeLessThanOrEqual(844);
    expect(b.width).toBeLessThanOrEqual(390);
    await expect(first.getByRole("cell").first()).toHaveText(/^\d[\d,]*$/);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "e2e/screenshots/fleet-390.png" });
  });

  test("a search by error name narrows signatures and executions to that error", async ({ page }) => {
    await waitForExecution(seed.stateMachines["report-builder"].arn, "FAILED", (e) => e.error === "States.DataLimitExceeded", { timeoutMs: 90_000 });
    await openFleetWithSignatures(page, 1);
    const search = page.getByRole("searchbox", { name: /Search/ });
    await search.fill("States.DataLimitExceeded");
    await search.press("Enter");
    await expect(page).toHaveURL(/q=States.DataLimitExceeded/);
    await expect(async () => {
      const errors = await page.getByTestId("signature-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-error")));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e === "States.DataLimitExceeded")).toBe(true);
    }).toPass({ timeout: 30_000 });
    const execErrors = await page.getByRole("table", { name: "Failing executions" }).getByRole("code").allTextContents();
    expect(execErrors.length).toBeGreaterThan(0);
    expect(execErrors.every((e) => e === "States.DataLimitExceeded")).toBe(true);
    await page.screenshot({ path: "e2e/screenshots/fleet-search.png" });
  });

  test("a signature's page: count, hourly series, first and newest execution, executions paged", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openFleetWithSignatures(page, 1);
    const first = page.getByTestId("signature-row").first();
    const error = await first.getAttribute("data-error");
    await first.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/signatures\/[0-9a-f]{16}/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(error!);
    expect(Number((await page.getByTestId("signature-count").textContent())!.replace(/,/g, ""))).toBeGreaterThan(0);
    await expect(page.getByRole("img", { name: /in \d+ h/ })).toBeVisible();
    await expect(page.getByText("First execution that showed it")).toBeVisible();
    await expect(page.getByText("Versions and aliases")).toBeVisible();
    const newest = page.getByRole("link", { name: /^triage / });
    await expect(newest).toBeVisible();
    const rows = page.getByRole("table", { name: "Executions with this signature" }).getByTestId("fleet-row");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(25);
    await page.screenshot({ path: "e2e/screenshots/signature.png", fullPage: true });
    await newest.click();
    await expect(page).toHaveURL(/\/executions\//);
  });

  test("a new TIMED_OUT execution on an unwatched state machine shows in the silent timeouts, grouped with a count", async ({ page }) => {
    const nightly = seed.stateMachines["nightly-export"];
    expect(seed.unwatched, "nightly-export must be unwatched in the seed").toContain("nightly-export");
    await page.goto("/");
    await expect(page.getByTestId("freshness")).toContainText("Last updated");
    const before = await listArns(nightly.arn, "TIMED_OUT");
    const arrived = await waitForExecution(nightly.arn, "TIMED_OUT", () => true, { notIn: before, timeoutMs: 100_000 });
    const arrivedAt = Date.now();
    const row = page.getByTestId("fleet-row").filter({ hasText: arrived.name! });
    // One poll interval (3 s), the history read, and the browser's 10 s refresh, with margin for a loaded CI machine.
    await expect(row).toBeVisible({ timeout: 40_000 });
    test.info().annotations.push({ type: "arrival-latency-ms", description: String(Date.now() - arrivedAt) });
    await expect(row.getByRole("cell", { name: "TIMED_OUT" })).toBeVisible();
    const line = page.getByTestId("silent-timeout").filter({ hasText: nightly.name });
    await expect(line).toHaveCount(1);
    expect(Number(await line.getAttribute("data-count"))).toBeGreaterThanOrEqual(before.size + 1);
    await expect(line).toContainText("No alarm");
  });

  test("keeps filters in the URL", async ({ page }) => {
    await page.goto("/?status=TIMED_OUT");
    await expect(page.getByLabel("Status")).toHaveValue("TIMED_OUT");
    const statuses = await page.getByTestId("fleet-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses.every((s) => s === "TIMED_OUT")).toBe(true);
    await page.getByLabel("Status").selectOption("FAILED");
    await expect(page).toHaveURL(/status=FAILED/);
  });
});
