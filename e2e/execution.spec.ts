import { expect, test } from "./fixtures/test";
import { GetExecutionHistoryCommand, type HistoryEvent } from "@aws-sdk/client-sfn";
import type { Page } from "@playwright/test";
import { seed, sfn, waitForExecution } from "./fixtures/aws";
import { ExecutionPage, type ExecutionTabName } from "./pages/execution-page";

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

    // The payload table (Payloads tab) gives exact bytes; the failing state's row is over the cap.
    const execution = new ExecutionPage(page);
    await execution.select("payloads");
    await expect(page).toHaveURL(/[?&]tab=payloads/);
    const row = page.getByTestId("payload-row").filter({ has: page.getByText("over the cap") }).first();
    await expect(row).toBeVisible();
    const cellText = (await row.textContent()) ?? "";
    const over = [...cellText.matchAll(/([\d,]+) B/g)].map((m) => Number(m[1]!.replaceAll(",", ""))).filter((b) => b > PAYLOAD_LIMIT_BYTES);
    expect(over.length, `a byte count over ${PAYLOAD_LIMIT_BYTES} in "${cellText}"`).toBeGreaterThan(0);

    await execution.select("events");
    await expect(page.getByTestId("history-used")).toContainText("of 25,000 events");
    await expect(execution.consoleLink).toHaveAttribute("href", /console\.aws\.amazon\.com\/states\/home\?region=us-east-1#\/v2\/executions\/details\/arn:aws:states:/);
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
    await execution.open(done.executionArn!, "events");
    await expect(page.getByTestId("payload-text")).toHaveCount(0);
    await execution.showPayload("input", 1).click();
    const text = page.getByTestId("payload-text");
    await expect(text).toBeVisible();
    expect(JSON.parse((await text.textContent()) ?? "")).toBeTruthy();
  });

  test("Catch → Fail (order-flow): the headline names the origin, the graph rings it and marks the Fail state on its own", async ({ page }) => {
    const orderFlow = seed.stateMachines["order-flow"];
    const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
    await page.goto(`/executions/${encodeURIComponent(failed.executionArn!)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("AuthorizePayment failed with Payment.Declined (caught by Checks → Compensate → Fail state OrderFailed)");
    await expect(page.getByTestId("origin-state")).toHaveText("Checks/AuthorizePayment");
    await expect(page.getByTestId("origin-error")).toHaveText("Payment.Declined");
    await expect(page.getByTestId("failure-error")).toHaveText("Order.Compensated");
    await expect(page).toHaveTitle(new RegExp(`${failed.name} · FAILED`));
    await expect(page.getByTestId("state-machine-link")).toHaveAttribute("href", `/state-machines/${encodeURIComponent(orderFlow.arn)}`);
    const origin = page.getByTestId("state-node-Checks/AuthorizePayment");
    await expect(origin).toHaveAttribute("data-origin", "true");
    await expect(origin).toContainText("(origin)");
    const final = page.getByTestId("state-node-OrderFailed");
    await expect(final).toHaveAttribute("data-final", "true");
    await expect(final).not.toHaveAttribute("data-origin", "true");
    await expect(final).toContainText("(ended the run)");
    // The origin's details: its input and output load on demand.
    await origin.click();
    const details = page.getByRole("region", { name: "State AuthorizePayment" });
    await expect(details.getByTestId("state-visits")).toBeVisible();
    await details.getByRole("button", { name: /Show input of event/ }).first().click();
    await expect(details.getByTestId("payload-text")).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/execution-catch-fail.png", fullPage: true });
  });

  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    test(`the answer (failed state, error, cause) is above the fold at ${viewport.width}×${viewport.height}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const orderFlow = seed.stateMachines["order-flow"];
      const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
      await page.goto(`/executions/${encodeURIComponent(failed.executionArn!)}`);
      for (const id of ["headline", "origin-state", "origin-error", "failed-state", "failure-error", "failure-cause"]) {
        const box = await page.getByTestId(id).first().boundingBox();
        expect(box, `${id} is rendered`).not.toBeNull();
        expect(box!.y, `${id} starts above the fold`).toBeLessThan(viewport.height);
        expect(box!.x + Math.min(box!.width, 40), `${id} is on screen horizontally`).toBeLessThanOrEqual(viewport.width);
      }
      // The heading (the answer in words) is whole on screen, and so is the tab list under it.
      const h1 = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
      expect(h1.y + h1.height).toBeLessThan(viewport.height);
      const tabs = (await new ExecutionPage(page).tabList.boundingBox())!;
      expect(tabs.y + tabs.height, "the tab list is on the first screen").toBeLessThanOrEqual(viewport.height);
      await page.screenshot({ path: `e2e/screenshots/execution-above-fold-${viewport.width}x${viewport.height}.png` });
    });
  }

  test("the event view is there after the history left the cache: read again, newest first, filtered, paged", async ({ page }) => {
    const orderFlow = seed.stateMachines["order-flow"];
    const first = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
    const url = ExecutionPage.url(first.executionArn!, "events");
    await page.goto(url);
    const rows = page.getByTestId("event-row");
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(10);
    // Another execution's history pushes this one out of the server's cache (100 events in e2e).
    const batch = seed.stateMachines["batch-map"];
    // 140+ items ≈ 560+ events: over one page of 500.
    const big = await waitForExecution(batch.arn, "SUCCEEDED", (e) => (JSON.parse(e.input ?? "{}") as { items?: unknown[] }).items!.length >= 140);
    await page.goto(ExecutionPage.url(big.executionArn!, "events"));
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    // Back: the report was kept, the events are read again; never an empty view.
    await page.goto(url);
    await expect(rows.first()).toBeVisible();
    await expect(rows).toHaveCount(count);
    const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.querySelector("td")!.textContent)));
    expect(ids, "newest first").toEqual([...ids].sort((a, b) => b - a));
    await expect(rows.first()).toHaveAttribute("data-type", "ExecutionFailed");
    // Errors only.
    const view = page.getByTestId("event-view");
    await page.getByTestId("event-kind-filter").selectOption("errors");
    await expect(view).toHaveAttribute("data-busy", "false");
    await expect(page.getByTestId("events-matched")).toContainText("match");
    await expect(rows.first()).toBeVisible();
    for (const type of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-type")))) expect(type).toMatch(/Failed|TimedOut|Aborted/);
    // By state.
    await page.getByTestId("event-kind-filter").selectOption("");
    await page.getByTestId("event-state-filter").selectOption("Checks");
    await expect(view).toHaveAttribute("data-busy", "false");
    await expect(rows.first()).toHaveAttribute("data-state", "Checks");
    for (const state of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-state")))) expect(state).toBe("Checks");
    await page.screenshot({ path: "e2e/screenshots/execution-events-reloaded.png", fullPage: true });

    // Past 500: the big Map's events page.
    await page.goto(ExecutionPage.url(big.executionArn!, "events"));
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    await expect(page.getByTestId("events-progress")).toHaveCount(0);
    await expect(page.getByTestId("event-row")).toHaveCount(500);
    const newest = Number(await page.getByTestId("event-row").first().locator("td").first().textContent());
    expect(newest).toBeGreaterThan(500);
    await page.getByRole("button", { name: "Older" }).click();
    await expect(page.getByTestId("event-view")).toHaveAttribute("data-busy", "false");
    await expect(page.getByTestId("event-row").first().locator("td").first()).toHaveText(String(newest - 500));
  });

  test("the open tab lives in the URL: the server paints it, a reload keeps it, the back button returns", async ({ page }) => {
    const orderFlow = seed.stateMachines["order-flow"];
    const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
    const execution = new ExecutionPage(page);
    // First paint: the server's HTML already has the linked tab open (no flash of the graph first).
    const html = await (await page.request.get(ExecutionPage.url(failed.executionArn!, "states"))).text();
    const trigger = (name: string) => html.match(new RegExp(`<button[^>]*data-testid="tab-${name}"[^>]*>`))?.[0] ?? "";
    expect(trigger("states"), "the States tab in the server's HTML").toContain('aria-selected="true"');
    expect(trigger("graph")).toContain('aria-selected="false"');
    expect(html).toContain('data-testid="states-table"');

    // No ?tab=: the graph; a tab that isn't one: the graph too, not an error.
    await execution.open(failed.executionArn!);
    await expect(execution.tab("graph")).toHaveAttribute("aria-selected", "true");
    await page.goto(`${ExecutionPage.url(failed.executionArn!)}?tab=nope`);
    await expect(execution.tab("graph")).toHaveAttribute("aria-selected", "true");

    await execution.open(failed.executionArn!);
    await execution.select("events");
    await expect(page).toHaveURL(/[?&]tab=events(&|$)/);
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    await page.reload();
    await expect(execution.tab("events")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    await execution.select("cost");
    await expect(page).toHaveURL(/[?&]tab=cost(&|$)/);
    await expect(page.getByTestId("cost-figures")).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(/[?&]tab=events(&|$)/);
    await expect(execution.tab("events")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    // The keyboard moves between tabs too (Radix: arrow keys), and the URL follows.
    await execution.tab("events").focus();
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(/[?&]tab=states(&|$)/);
  });

  test("States: a row per state visit, with its input and output bytes, sortable, scrolling in its own box on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const orderFlow = seed.stateMachines["order-flow"];
    const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
    const entered = (await historyOf(failed.executionArn!)).filter((e) => e.type?.endsWith("StateEntered"));
    const execution = new ExecutionPage(page);
    await execution.open(failed.executionArn!, "states");
    await expect(execution.visitRows).toHaveCount(entered.length);
    // Entry order: each row is the state entered at that point of the history.
    const names = entered.map((e) => e.stateEnteredEventDetails!.name!);
    const paths = await execution.visitRows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-path")!));
    expect(paths.map((p) => p.split("/").pop())).toEqual(names);
    await expect(execution.visitRows.filter({ hasText: "AuthorizePayment" }).first()).toHaveAttribute("data-outcome", "failed");
    // Sizes read in B/KiB with the exact count on hover: at least the entered event's input (a Task's parameters may be larger).
    const inputTitle = await execution.visitRows.first().locator("td").nth(5).locator("[title]").getAttribute("title");
    expect(inputTitle).toMatch(/^[\d,]+ B$/);
    const enteredBytes = Buffer.byteLength(entered[0]!.stateEnteredEventDetails!.input ?? "", "utf8");
    expect(Number(inputTitle!.replace(/[^\d]/g, ""))).toBeGreaterThanOrEqual(enteredBytes);
    await expect(execution.visitRows.first().locator("td").nth(6).locator("[title]")).toHaveAttribute("title", /^[\d,]+ B$/);
    // Sort by duration, longest first.
    await page.getByRole("button", { name: "Duration" }).click();
    await expect(page.getByRole("columnheader", { name: /Duration/ })).toHaveAttribute("aria-sort", "descending");
    // The table is wider than a phone: it scrolls in its own box; the page does not.
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const box = page.getByRole("region", { name: "State visits table" });
    expect(await box.evaluate((el) => getComputedStyle(el).overflowX)).toBe("auto");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth), "wider than a phone, so it scrolls in its box").toBe(true);
  });

  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    for (const theme of ["light", "dark"] as const) {
      test(`every tab at ${viewport.width} px, ${theme}: no page scroll sideways, headline and tabs on the first screen`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme });
        const orderFlow = seed.stateMachines["order-flow"];
        const failed = await waitForExecution(orderFlow.arn, "FAILED", (e) => /"AuthorizePayment":"fail"/.test(e.input ?? ""));
        const execution = new ExecutionPage(page);
        const ready: Record<ExecutionTabName, () => Promise<void>> = {
          graph: () => expect(page.getByTestId("state-node-Checks/AuthorizePayment")).toBeVisible(),
          events: () => expect(page.getByTestId("event-row").first()).toBeVisible(),
          states: () => expect(execution.visitRows.first()).toBeVisible(),
          payloads: () => expect(page.getByTestId("payload-chart").locator(".recharts-bar-rectangle").first()).toBeVisible(),
          cost: () => expect(page.getByTestId("cost-figures")).toBeVisible(),
        };
        for (const tab of ["graph", "events", "states", "payloads", "cost"] as const) {
          await execution.open(failed.executionArn!, tab);
          await expect(execution.tab(tab)).toHaveAttribute("aria-selected", "true");
          await ready[tab]();
          expect(await pageOverflow(page), `${tab}: the page is no wider than the viewport`).toBeLessThanOrEqual(0);
          for (const what of [page.getByTestId("headline"), execution.tabList]) {
            const box = (await what.boundingBox())!;
            expect(box.y, `${tab}: on the first screen`).toBeLessThan(viewport.height);
          }
          await page.screenshot({ path: `e2e/screenshots/execution-${tab}-${viewport.width}-${theme}.png`, fullPage: true });
        }
      });
    }
  }

  test("an unknown execution is a 404 with the search box", async ({ page }) => {
    const unknown = `arn:aws:states:us-east-1:${seed.accountId}:execution:file-pipeline:does-not-exist-${Date.now()}`;
    const response = await page.goto(`/executions/${encodeURIComponent(unknown)}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: /^No execution does-not-exist-\d+ in us-east-1$/ })).toBeVisible();
    await expect(page.getByRole("search", { name: "Search again" })).toBeVisible();
  });
});

/** Pixels the page is wider than its viewport (0 or less: no sideways scroll). */
async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The whole history, through the SDK (the gateway pages it), to check the page against. */
async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
