import { expect, test } from "./fixtures/test";
import { seed, waitForExecution } from "./fixtures/aws";
import { ExecutionPage } from "./pages/execution-page";

const PAYLOAD_LIMIT_BYTES = 262_144;

test.describe("execution triage page", () => {
  test("names the state of a DataLimitExceeded failure and shows its bytes over 262,144", async ({ page }) => {
    const reportBuilder = seed.stateMachines["report-builder"];
    const failed = await waitForExecution(reportBuilder.arn, "FAILED", (e) => e.error === "States.DataLimitExceeded");
    const response = await page.goto(`/executions/${encodeURIComponent(failed.executionArn!)}`);
    expect(response?.status()).toBe(200);

    await expect(page.getByTestId("execution-status")).toHaveText("FAILED");
    await expect(page.getByTestId("failure-error")).toHaveText("States.DataLimitExceeded");
    const failedState = (await page.getByTestId("failed-state").textContent())?.trim() ?? "";
    expect(failedState, "the failed state is named").not.toMatch(/^—/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(failedState.split("/").pop()!);

    // The payload table gives exact bytes; the failing state's row is over the cap.
    const row = page.getByTestId("payload-row").filter({ has: page.getByText("over the cap") }).first();
    await expect(row).toBeVisible();
    const cellText = (await row.textContent()) ?? "";
    const over = [...cellText.matchAll(/([\d,]+) B/g)].map((m) => Number(m[1]!.replaceAll(",", ""))).filter((b) => b > PAYLOAD_LIMIT_BYTES);
    expect(over.length, `a byte count over ${PAYLOAD_LIMIT_BYTES} in "${cellText}"`).toBeGreaterThan(0);

    await expect(page.getByTestId("history-used")).toContainText("of 25,000 events");
    await expect(new ExecutionPage(page).consoleLink).toHaveAttribute("href", /console\.aws\.amazon\.com\/states\/home\?region=us-east-1#\/v2\/executions\/details\/arn:aws:states:/);
    await page.screenshot({ path: "e2e/screenshots/execution-data-limit.png", fullPage: true });
  });

  test("paints the failed state on the graph and opens a state's details", async ({ page }) => {
    const pipeline = seed.stateMachines["file-pipeline"];
    const failed = await waitForExecution(pipeline.arn, "FAILED", (e) => e.error === "States.Timeout");
    const execution = new ExecutionPage(page);
    await execution.open(failed.executionArn!);
    const failedState = ((await page.getByTestId("failed-state").textContent()) ?? "").trim();
    const node = page.getByTestId(`state-node-${failedState}`);
    await expect(node).toBeVisible();
    await expect(node).toHaveAttribute("data-outcome", /failed|timed-out/);
    await node.click();
    const details = execution.stateDetails(failedState.split("/").pop()!);
    await expect(details).toBeVisible();
    await expect(details).toContainText("Task");
    await page.screenshot({ path: "e2e/screenshots/execution-graph.png", fullPage: true });
  });

  test("payload contents load only on demand and render as text", async ({ page }) => {
    const pipeline = seed.stateMachines["file-pipeline"];
    const done = await waitForExecution(pipeline.arn, "SUCCEEDED");
    const execution = new ExecutionPage(page);
    await execution.open(done.executionArn!);
    await expect(page.getByTestId("payload-text")).toHaveCount(0);
    await execution.showPayload("input", 1).click();
    const text = page.getByTestId("payload-text");
    await expect(text).toBeVisible();
    expect(JSON.parse((await text.textContent()) ?? "")).toBeTruthy();
  });

  test("an unknown execution is a 404 with the search box", async ({ page }) => {
    const unknown = `arn:aws:states:us-east-1:${seed.accountId}:execution:file-pipeline:does-not-exist-${Date.now()}`;
    const response = await page.goto(`/executions/${encodeURIComponent(unknown)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("search", { name: "Search again" })).toBeVisible();
  });
});
